package io.augur.chaos.exec;

import io.augur.chaos.exec.RunResult.Verdict;
import io.augur.chaos.experiment.PlannedExperiment;
import io.augur.chaos.loop.OutcomeRecorder;
import io.augur.chaos.requirements.Durations;
import io.augur.chaos.safety.AbortCondition;
import io.augur.chaos.safety.ApprovedPlan;
import io.augur.chaos.safety.GateDecision;
import io.augur.domain.ExperimentOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One plan's way through {@link ExperimentEngine}'s life cycle; used once. */
final class EngineRun {
  private final ExperimentEngine e;
  private final PlannedExperiment planned;
  private final String id;
  private boolean interrupted;
  private List<AbortCondition> conditions = List.of();

  EngineRun(ExperimentEngine engine, PlannedExperiment planned) {
    this.e = engine;
    this.planned = planned;
    this.id = planned.plan().id();
  }

  /** Why the watch ended. */
  private record Stop(
      Verdict verdict, ExperimentOutcome.Status status, String reason, AbortWatch.Breach breach) {
    static Stop passed() {
      return new Stop(Verdict.PASSED, ExperimentOutcome.Status.PASSED, "", null);
    }

    static Stop aborted(String reason) {
      return new Stop(Verdict.ABORTED, ExperimentOutcome.Status.ABORTED, reason, null);
    }
  }

  private record Preflight(
      ApprovedPlan approved, List<AbortCondition> conditions, String refusal) {}

  RunResult execute() {
    long runStart = e.clock.millis();
    phase(
        Phase.PREFLIGHT,
        "safety gates, approvals and executor " + e.executor.name() + " for plan " + id);
    Preflight pre;
    try {
      pre = preflight();
    } catch (RuntimeException ex) {
      pre = new Preflight(null, null, "pre-flight of plan " + id + " failed: " + ex.getMessage());
    }
    if (pre.refusal == null && Thread.currentThread().isInterrupted()) {
      pre = new Preflight(null, null, "interrupted before anything was injected");
    }
    if (pre.refusal != null) {
      phase(Phase.PREFLIGHT, "refused: " + pre.refusal);
      return new RunResult(id, Verdict.REFUSED, pre.refusal, List.of(), null, null, false);
    }
    ApprovedPlan approved = pre.approved;
    conditions = pre.conditions;
    OutcomeRecorder recorder =
        new OutcomeRecorder(e.outcomes, absorbing(), pre.conditions, e.clock);
    phase(Phase.BASELINE, "reading " + names(pre.conditions));
    Map<String, Double> observations = new LinkedHashMap<>();
    try {
      observations.putAll(recorder.observe("before"));
    } catch (RuntimeException ex) {
      phase(
          Phase.BASELINE,
          "no baseline: " + ex.getMessage()); // the watch fails closed on the same source
    }
    if (interrupted || Thread.currentThread().isInterrupted()) {
      Thread.currentThread().interrupt();
      String why = "interrupted before anything was injected";
      phase(Phase.BASELINE, "refused: " + why);
      return new RunResult(id, Verdict.REFUSED, why, List.of(), null, null, false);
    }

    phase(
        Phase.INJECT,
        planned.type().id() + " into " + planned.plan().targets() + " with " + e.executor.name());
    long startedAt = e.clock.millis();
    InjectedFault fault = null;
    Stop stop = null;
    Cleanup cleanup;
    try {
      try {
        fault = e.executor.inject(approved, e.journal);
      } catch (RuntimeException ex) {
        stop = new Stop(Verdict.ERROR, null, "inject failed: " + ex.getMessage(), null);
      }
      if (fault != null) {
        stop = watch(fault, runStart, startedAt, pre.conditions);
      }
    } catch (RuntimeException ex) {
      stop = new Stop(Verdict.ERROR, ExperimentOutcome.Status.ABORTED, "watch failed: " + ex, null);
    } finally {
      interrupted |=
          Thread
              .interrupted(); // cleared so that reverting and verifying can wait; set again at the
      // end
      cleanup = revertAndVerify(fault);
    }
    try {
      return record(approved, recorder, stop, fault, cleanup, startedAt, observations);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Only the PREFLIGHT phase (gates, approvals, executor, abort conditions): why the plan would be
   * refused, or null.
   */
  String refusal() {
    try {
      return preflight().refusal;
    } catch (RuntimeException ex) {
      return "pre-flight of plan " + id + " failed: " + ex.getMessage();
    }
  }

  private Preflight preflight() {
    GateDecision d = e.gates.evaluate(planned);
    ApprovedPlan approved;
    switch (d.status()) {
      case APPROVED -> approved = d.approvedPlan();
      case NEEDS_APPROVAL -> {
        Optional<String> who = e.approvals.approver(id, e.clock.millis());
        if (who.isEmpty()) {
          return refuse(
              "plan "
                  + id
                  + " needs a human approval: run augur chaos approve "
                  + id
                  + " --as NAME ("
                  + String.join("; ", d.reasons())
                  + ")");
        }
        try {
          approved = e.gates.approve(planned, who.get());
        } catch (IllegalStateException | IllegalArgumentException ex) {
          return refuse(
              "plan "
                  + id
                  + " was approved by "
                  + who.get()
                  + " but the gates refuse it now: "
                  + ex.getMessage());
        }
      }
      default -> {
        return refuse(
            "plan "
                + id
                + " is "
                + d.status()
                + " by the safety gates: "
                + String.join("; ", d.reasons()));
      }
    }
    Optional<String> unsupported = e.executor.unsupported(approved);
    if (unsupported.isPresent()) {
      return refuse(
          "executor " + e.executor.name() + " cannot run plan " + id + ": " + unsupported.get());
    }
    Set<AbortCondition> conditions = new LinkedHashSet<>(e.gates.policy().abortConditions());
    for (String t : planned.plan().rollbackTriggers()) {
      try {
        conditions.add(AbortCondition.parse(t));
      } catch (IllegalArgumentException ex) {
        return refuse("plan " + id + " cannot be watched: " + ex.getMessage());
      }
    }
    return new Preflight(approved, List.copyOf(conditions), null);
  }

  private static Preflight refuse(String why) {
    return new Preflight(null, null, why);
  }

  private Stop watch(
      InjectedFault fault, long runStart, long startedAt, List<AbortCondition> conditions) {
    long end = startedAt + planned.plan().durationSeconds() * 1000;
    long deadline = runStart + e.timeout.toMillis();
    long interval = e.watchInterval.toMillis();
    phase(
        Phase.WATCH,
        "fault "
            + fault.id()
            + " active for "
            + planned.plan().durationSeconds()
            + "s, evaluating "
            + names(conditions)
            + " every "
            + Durations.format(e.watchInterval));
    AbortWatch w = new AbortWatch(conditions, e.metrics);
    while (true) {
      if (Thread.currentThread().isInterrupted()) {
        return interruptedStop();
      }
      long now = e.clock.millis();
      Optional<AbortWatch.Breach> b = w.evaluate(now);
      if (Thread.currentThread()
          .isInterrupted()) { // a query cut short by the interrupt is no breach of the target
        return interruptedStop();
      }
      if (b.isPresent()) {
        phase(Phase.WATCH, "abort: " + b.get().detail());
        return new Stop(
            Verdict.ABORTED,
            ExperimentOutcome.Status.ABORTED,
            "abort condition " + b.get().detail(),
            b.get());
      }
      FaultStatus st = e.executor.status(fault);
      if (st.state() == FaultStatus.State.FAILED) {
        String why =
            "executor "
                + e.executor.name()
                + " reports fault "
                + fault.id()
                + " FAILED: "
                + st.detail();
        phase(Phase.WATCH, "abort: " + why);
        return new Stop(Verdict.ERROR, ExperimentOutcome.Status.ABORTED, why, null);
      }
      if (st.state() == FaultStatus.State.ENDED && e.endWhenFaultEnds) {
        phase(Phase.WATCH, "fault " + fault.id() + " ended by itself: " + st.detail());
        return Stop.passed();
      }
      if (now >= end) {
        return Stop.passed();
      }
      if (now >= deadline) {
        String why = "timeout: the run reached its limit of " + Durations.format(e.timeout);
        phase(Phase.WATCH, "abort: " + why);
        return Stop.aborted(why);
      }
      try {
        e.sleeper.sleep(
            Duration.ofMillis(Math.max(1, Math.min(interval, Math.min(end, deadline) - now))));
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt(); // seen at the top of the loop
      }
    }
  }

  private Stop interruptedStop() {
    interrupted = true;
    phase(Phase.WATCH, "abort: interrupted");
    return Stop.aborted("interrupted");
  }

  /** What reverting left: when the last fault was verified gone, and the faults that were not. */
  private record Cleanup(List<InjectedFault> faults, Long goneAtMs, List<String> leftOver) {}

  private Cleanup revertAndVerify(InjectedFault injected) {
    List<InjectedFault> faults = new ArrayList<>();
    try {
      faults.addAll(
          e.journal.read().faults().stream()
              .filter(f -> f.experimentId().equals(id) && f.executor().equals(e.executor.name()))
              .toList());
    } catch (RuntimeException ex) {
      phase(Phase.REVERT, "cannot read the journal: " + ex.getMessage());
    }
    if (injected != null && faults.stream().noneMatch(f -> f.id().equals(injected.id()))) {
      faults.add(injected);
    }
    phase(
        Phase.REVERT,
        faults.isEmpty()
            ? "nothing of plan " + id + " is journalled"
            : "reverting " + faults.stream().map(InjectedFault::id).toList());
    List<String> errors = new ArrayList<>();
    for (InjectedFault f : faults) {
      String err = tryRevert(f);
      if (err != null) {
        errors.add(err);
      }
    }
    phase(
        Phase.VERIFY,
        "checking that " + faults.stream().map(InjectedFault::id).toList() + " are gone");
    Long goneAt = null;
    List<String> left = new ArrayList<>();
    for (InjectedFault f : faults) {
      Long t = verify(f);
      if (t == null) {
        left.add(
            f.id()
                + " ("
                + e.executor.name()
                + ") is still in effect after "
                + ExperimentEngine.VERIFY_ATTEMPTS
                + " checks and stays in the journal"
                + (errors.isEmpty() ? "" : ": " + String.join("; ", errors)));
      } else {
        goneAt = goneAt == null ? t : Math.max(goneAt, t);
      }
    }
    if (faults.isEmpty()) {
      goneAt = null;
    }
    phase(
        Phase.VERIFY,
        left.isEmpty()
            ? (goneAt == null
                ? "nothing to verify"
                : "verified gone at " + Instant.ofEpochMilli(goneAt))
            : "LEFT OVER: " + String.join("; ", left));
    return new Cleanup(faults, left.isEmpty() ? goneAt : null, left);
  }

  private String tryRevert(InjectedFault f) {
    try {
      e.executor.revert(f, e.journal);
      return null;
    } catch (RuntimeException ex) {
      return "revert of " + f.id() + " failed: " + ex.getMessage();
    } finally {
      absorbInterrupt();
    }
  }

  /**
   * Clears (and remembers) the interrupt flag: once the watch is over, a second SIGTERM must not
   * cut short a revert, a journal write (file channels close when interrupted) or the outcome
   * record.
   */
  private void absorbInterrupt() {
    interrupted |= Thread.interrupted();
  }

  /**
   * The engine's metrics, with {@link #absorbInterrupt()} after each query (used after the watch).
   */
  private io.augur.chaos.prom.MetricsSource absorbing() {
    return q -> {
      try {
        return e.metrics.query(q);
      } finally {
        absorbInterrupt();
      }
    };
  }

  /** When {@code f} was seen gone, re-reverting between checks; null when it never was. */
  private Long verify(InjectedFault f) {
    Duration pause = Duration.ofMillis(Math.min(500, e.watchInterval.toMillis()));
    for (int attempt = 1; attempt <= ExperimentEngine.VERIFY_ATTEMPTS; attempt++) {
      boolean gone;
      try {
        gone = e.executor.verifyReverted(f);
      } catch (RuntimeException ex) {
        gone = false;
      } finally {
        absorbInterrupt();
      }
      if (gone) {
        long t = e.clock.millis();
        try {
          e.journal.remove(
              f.id()); // the executor removes it on revert; make sure when only the check succeeded
        } catch (RuntimeException ignored) {
          // a stale entry is reverted again (idempotently) by the next reap
        }
        return t;
      }
      if (attempt < ExperimentEngine.VERIFY_ATTEMPTS) {
        try {
          e.sleeper.sleep(pause);
        } catch (InterruptedException ex) {
          interrupted = true; // keep verifying without waiting; the flag is set again at the end
        }
        tryRevert(f);
      }
    }
    return null;
  }

  private RunResult record(
      ApprovedPlan approved,
      OutcomeRecorder recorder,
      Stop stop,
      InjectedFault fault,
      Cleanup c,
      long startedAt,
      Map<String, Double> observations) {
    boolean leftOver = !c.leftOver().isEmpty();
    Long goneAt = c.goneAtMs();
    String leftNote = leftOver ? "; LEFT OVER: " + String.join("; ", c.leftOver()) : "";
    if (fault == null) { // inject failed: nothing ran against the target, no outcome
      phase(Phase.RECORD, "no outcome: " + stop.reason());
      return new RunResult(
          id, Verdict.ERROR, stop.reason() + leftNote, List.of(), null, goneAt, leftOver);
    }
    Recovery rec = recover(goneAt);
    Verdict verdict = stop.verdict();
    ExperimentOutcome.Status status = stop.status();
    String reason = stop.reason();
    if (verdict == Verdict.PASSED && rec.stillCrossed() != null) {
      verdict = Verdict.FAILED;
      status = ExperimentOutcome.Status.FAILED;
      reason =
          "not back within limits "
              + rec.waitedMs()
              + " ms after the fault ended: "
              + rec.stillCrossed();
    }
    if (leftOver && (verdict == Verdict.PASSED || verdict == Verdict.FAILED)) {
      verdict = Verdict.ERROR;
    }
    AbortWatch.Breach b = stop.breach();
    if (b != null && b.value() != null) {
      observations.put("breach." + b.condition().name(), b.value());
    }
    String notes = notes(stop, reason, fault, goneAt, rec) + leftNote;
    phase(
        Phase.RECORD,
        status + " outcome for " + planned.plan().targets() + " to " + e.outcomes.file());
    List<ExperimentOutcome> outs = List.of();
    String recordError = "";
    try {
      outs =
          recorder.record(
              approved,
              status,
              startedAt,
              goneAt == null ? e.clock.millis() : goneAt,
              rec.recoveryMs(),
              rec.recoveryMs() != null,
              observations,
              notes);
    } catch (RuntimeException ex) {
      recordError = "; outcome not recorded: " + ex.getMessage();
    }
    return new RunResult(
        id,
        verdict,
        reason + leftNote + recordError,
        outs,
        b == null ? null : b.atMs(),
        goneAt,
        leftOver);
  }

  private String notes(Stop stop, String reason, InjectedFault fault, Long goneAt, Recovery rec) {
    StringBuilder sb = new StringBuilder();
    AbortWatch.Breach b = stop.breach();
    if (b != null) {
      AbortCondition c = b.condition();
      sb.append("aborted by condition ")
          .append(c.name())
          .append(" (")
          .append(c.promql())
          .append(' ')
          .append(c.limit())
          .append("): value ")
          .append(b.value() == null ? "unavailable (" + b.detail() + ")" : b.value().toString())
          .append(", breached at ")
          .append(Instant.ofEpochMilli(b.atMs()))
          .append(" (crossed since ")
          .append(Instant.ofEpochMilli(b.pendingSinceMs()))
          .append(')');
    } else {
      sb.append(
          stop.verdict() == Verdict.PASSED && reason.isEmpty()
              ? "ran its course, no abort condition fired"
              : reason);
    }
    sb.append("; fault ")
        .append(fault.id())
        .append(" (executor ")
        .append(e.executor.name())
        .append(") ")
        .append(
            goneAt == null
                ? "NOT verified gone"
                : "verified gone at " + Instant.ofEpochMilli(goneAt));
    if (b != null && goneAt != null) {
      sb.append("; breach-to-revert ").append(goneAt - b.atMs()).append(" ms");
    }
    sb.append(
        rec.recoveryMs() == null
            ? "; recovery not observed" + rec.why()
            : "; recovered " + rec.recoveryMs() + " ms after the revert");
    return sb.toString();
  }

  /**
   * The recovery watch: ms from the verified revert until all conditions were within limits, or why
   * not.
   */
  private record Recovery(Long recoveryMs, String stillCrossed, long waitedMs, String why) {}

  private Recovery recover(Long goneAt) {
    if (goneAt == null) {
      return new Recovery(null, null, 0, " (the fault was not verified gone)");
    }
    AbortWatch w = new AbortWatch(conditions, absorbing());
    int polls = interrupted ? 1 : ExperimentEngine.RECOVERY_POLLS + 1;
    String crossed = null;
    String unavailable = null;
    long now = e.clock.millis();
    for (int i = 0; i < polls; i++) {
      now = e.clock.millis();
      crossed = null;
      unavailable = null;
      for (AbortWatch.Reading r : w.readAll()) {
        if (r.error() != null && unavailable == null) {
          unavailable = r.condition().name() + " unavailable: " + r.error();
        } else if (r.crossed() && crossed == null) {
          crossed = r.condition().name() + " " + r.value() + " " + r.condition().limit();
        }
      }
      if (crossed == null && unavailable == null) {
        return new Recovery(Math.max(0, now - goneAt), null, now - goneAt, "");
      }
      if (i + 1 < polls) {
        try {
          e.sleeper.sleep(e.watchInterval);
        } catch (InterruptedException ex) {
          interrupted = true;
          break;
        }
      }
    }
    String why = crossed != null ? " (" + crossed + ")" : " (" + unavailable + ")";
    return new Recovery(null, crossed, now - goneAt, why);
  }

  private void phase(Phase p, String detail) {
    try {
      e.listener.phase(id, p, detail);
    } catch (RuntimeException ignored) {
      // a broken console must not stop a revert
    }
  }

  private static String names(List<AbortCondition> cs) {
    return cs.stream().map(AbortCondition::name).toList().toString();
  }
}
