package io.augur.chaos.recovery;

import io.augur.chaos.exec.AbortWatch;
import io.augur.chaos.exec.Executor;
import io.augur.chaos.exec.FaultException;
import io.augur.chaos.exec.FaultJournal;
import io.augur.chaos.exec.FaultParams;
import io.augur.chaos.exec.InjectedFault;
import io.augur.chaos.experiment.PlannedExperiment;
import io.augur.chaos.experiment.RolloutStep;
import io.augur.chaos.experiment.Selection;
import io.augur.chaos.prom.MetricsSource;
import io.augur.chaos.safety.AbortCondition;
import io.augur.chaos.safety.ApprovedPlan;
import io.augur.chaos.safety.GateDecision;
import io.augur.chaos.safety.SafetyGates;
import io.augur.domain.Checks;
import io.augur.domain.ExperimentPlan;
import io.augur.domain.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs one {@link RecoveryTest}: the trigger becomes a plan that every safety gate judges (nothing
 * is touched unless they approve it and the executor supports it), the fault is injected through
 * the executor (which journals it first), the steps are watched as {@link RecoveryTest} describes,
 * and the fault is always reverted and verified gone, in a {@code finally}, also on an exception or
 * an interrupt (then the result is ABORTED and the interrupt flag is set again).
 */
public final class RecoveryRun {
  static final int VERIFY_ATTEMPTS = 3;

  private final SafetyGates gates;
  private final Executor executor;
  private final FaultJournal journal;
  private final CheckContext checks;
  private final MetricsSource abortMetrics;
  private final Clock clock;
  private final Sleeper sleeper;
  private final String approver;
  private final Consumer<String> log;

  /**
   * @param abortMetrics where the policy's abort conditions are evaluated while the fault is in
   *     effect
   * @param approver the person approving plans that need one, or null (such plans are refused)
   * @param log receives one line per event (injected, step held, reverted ...)
   */
  public RecoveryRun(
      SafetyGates gates,
      Executor executor,
      FaultJournal journal,
      CheckContext checks,
      MetricsSource abortMetrics,
      Clock clock,
      Sleeper sleeper,
      String approver,
      Consumer<String> log) {
    this.gates = Checks.nonNull("gates", gates);
    this.executor = Checks.nonNull("executor", executor);
    this.journal = Checks.nonNull("journal", journal);
    this.checks = Checks.nonNull("checks", checks);
    this.abortMetrics = Checks.nonNull("abortMetrics", abortMetrics);
    this.clock = Checks.nonNull("clock", clock);
    this.sleeper = Checks.nonNull("sleeper", sleeper);
    this.approver = approver;
    this.log = log == null ? s -> {} : log;
  }

  /**
   * The plan the trigger stands for, carrying the policy's abort conditions as the gates require.
   */
  public static PlannedExperiment plan(
      RecoveryTest test, List<AbortCondition> abortConditions, long nowMs) {
    return plan(
        "recovery",
        "recovery-test",
        "recoveryTest",
        test.name(),
        test.namespace(),
        test.trigger(),
        test.observeFor(),
        List.of("recovered within " + test.expectedRecovery().toMillis() + "ms"),
        abortConditions,
        nowMs);
  }

  /**
   * The plan a trigger stands for outside a recovery test (a game day's inject action): id {@code
   * <idPrefix>-<name>-<nowMs>}, experiment type {@code type}, evidence {@code <evidenceKey>: name}
   * and the trigger's parameters, lasting {@code duration}.
   */
  public static PlannedExperiment plan(
      String idPrefix,
      String type,
      String evidenceKey,
      String name,
      String namespace,
      Trigger t,
      Duration duration,
      List<String> successCriteria,
      List<AbortCondition> abortConditions,
      long nowMs) {
    Map<String, String> evidence = new LinkedHashMap<>();
    evidence.put(evidenceKey, name);
    t.params().forEach((k, v) -> evidence.put(FaultParams.PREFIX + k, v));
    long seconds = Math.max(1, (duration.toMillis() + 999) / 1000);
    ExperimentPlan plan =
        new ExperimentPlan(
            idPrefix + "-" + name + "-" + nowMs,
            List.of(t.target()),
            namespace,
            t.fault().id(),
            type,
            seconds,
            1.0 / t.systemSize(),
            successCriteria,
            abortConditions.stream().map(AbortCondition::trigger).toList(),
            evidence,
            false,
            nowMs);
    Selection selection =
        new Selection(
            namespace,
            Map.of("app", labelValue(t.target())),
            t.replicas(),
            t.systemSize(),
            null,
            null,
            null);
    return new PlannedExperiment(plan, t.fault(), selection, List.of(RolloutStep.onePod()), 0);
  }

  /**
   * Injects {@code planned} the way a recovery test injects its trigger: only once the safety gates
   * approve it (or {@code approver} approves what needs approval) and the executor supports it; the
   * executor journals the fault before applying it. A failed injection reverts what it left.
   *
   * @throws IllegalStateException naming why the gates or the executor refused (nothing was
   *     touched)
   * @throws FaultException when the fault could not be applied (leftovers reverted, see {@code
   *     notes})
   */
  public InjectedFault inject(PlannedExperiment planned, List<String> notes) {
    ApprovedPlan approved = approve(planned);
    String unsupported = executor.unsupported(approved).orElse(null);
    if (unsupported != null) {
      throw new IllegalStateException(executor.name() + " executor: " + unsupported);
    }
    try {
      return executor.inject(approved, journal);
    } catch (FaultException | IllegalArgumentException | IllegalStateException e) {
      revertLeftovers(planned.plan().id(), notes, log);
      throw e instanceof FaultException f ? f : new FaultException(e.getMessage(), e);
    }
  }

  private ApprovedPlan approve(PlannedExperiment planned) {
    GateDecision d = gates.evaluate(planned);
    if (d.status() == GateDecision.Status.APPROVED) {
      return d.approvedPlan();
    }
    if (d.status() == GateDecision.Status.NEEDS_APPROVAL
        && approver != null
        && !approver.isBlank()) {
      return gates.approve(planned, approver);
    }
    throw new IllegalStateException(
        "safety gates: plan "
            + planned.plan().id()
            + " is "
            + d.status()
            + ": "
            + String.join("; ", d.reasons()));
  }

  /**
   * Reverts {@code fault} and verifies it gone, up to {@value #VERIFY_ATTEMPTS} times; an interrupt
   * does not cut it short (the flag is cleared for the revert and set again after). What went wrong
   * goes to {@code notes}.
   *
   * @return whether the fault was verified gone (if not, it stays in the journal for the reaper)
   */
  public boolean revert(InjectedFault fault, List<String> notes) {
    boolean flag = Thread.interrupted();
    try {
      return revert(fault, notes, log);
    } finally {
      if (flag) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private boolean revert(InjectedFault fault, List<String> notes, Consumer<String> say) {
    for (int attempt = 1; attempt <= VERIFY_ATTEMPTS; attempt++) {
      try {
        executor.revert(fault, journal);
        if (executor.verifyReverted(fault)) {
          say.accept("reverted " + fault.id());
          return true;
        }
        notes.add("revert attempt " + attempt + ": " + fault.id() + " still in effect");
      } catch (RuntimeException e) {
        notes.add("revert attempt " + attempt + " of " + fault.id() + " failed: " + e.getMessage());
      }
    }
    notes.add(
        "fault "
            + fault.id()
            + " could not be verified gone; it stays in the journal "
            + journal.dir()
            + " for the next start to remove");
    return false;
  }

  private boolean revertLeftovers(String experimentId, List<String> notes, Consumer<String> say) {
    boolean ok = true;
    for (InjectedFault f : journal.of(executor.name())) {
      if (f.experimentId().equals(experimentId)) {
        ok &= revert(f, notes, say);
      }
    }
    return ok;
  }

  /**
   * {@code s} as a Kubernetes label value: other characters become '-', at most 63, alphanumeric at
   * both ends.
   */
  public static String labelValue(String s) {
    String v = s.replaceAll("[^A-Za-z0-9._-]", "-");
    v =
        (v.length() > 63 ? v.substring(0, 63) : v)
            .replaceAll("^[^A-Za-z0-9]+", "")
            .replaceAll("[^A-Za-z0-9]+$", "");
    return v.isEmpty() ? "target" : v;
  }

  public RecoveryResult run(RecoveryTest test) {
    Checks.nonNull("test", test);
    Run r = new Run(test);
    return r.execute();
  }

  private final class Run {
    private final RecoveryTest test;
    private final List<String> notes = new ArrayList<>();
    private final List<StepWatch> behaviours = new ArrayList<>();
    private final List<StepWatch> validation = new ArrayList<>();
    private Long injectedAt;
    private Long revertedAt;
    private boolean reverted = true;
    private boolean interrupted;
    private String planId;
    private AbortWatch abortWatch;
    private AbortWatch.Breach breach;

    Run(RecoveryTest test) {
      this.test = test;
    }

    RecoveryResult execute() {
      PlannedExperiment planned = plan(test, gates.policy().abortConditions(), clock.millis());
      planId = planned.plan().id();
      InjectedFault fault;
      try {
        fault = inject(planned, notes);
      } catch (IllegalStateException e) {
        return result(RecoveryResult.Status.REFUSED, List.of(e.getMessage()));
      } catch (FaultException e) {
        reverted =
            !journal.of(executor.name()).stream().anyMatch(f -> f.experimentId().equals(planId));
        return result(
            RecoveryResult.Status.ERROR,
            List.of(
                "cannot inject "
                    + test.trigger().fault().id()
                    + " into "
                    + test.trigger().target()
                    + ": "
                    + e.getMessage()));
      }
      reverted = false;
      abortWatch = new AbortWatch(gates.policy().abortConditions(), abortMetrics);
      try {
        injectedAt = clock.millis();
        say(
            "injected "
                + fault.experimentType()
                + " into "
                + fault.target()
                + " ("
                + fault.id()
                + ")");
        for (ValidationStep s : test.expectedBehaviours()) {
          behaviours.add(new StepWatch(s, "fault", injectedAt));
        }
        List<StepWatch> duringFault = new ArrayList<>(behaviours);
        if (test.recoveryFrom() == RecoveryTest.From.INJECTION) {
          for (ValidationStep s : test.validation()) {
            validation.add(new StepWatch(s, "recovery", injectedAt));
          }
          duringFault.addAll(validation);
        }
        watch(duringFault, injectedAt, test.trigger().minDuration(), true);
        reverted = revert(fault);
        revertedAt = clock.millis();
        if (!interrupted && breach == null && test.recoveryFrom() == RecoveryTest.From.REVERT) {
          for (ValidationStep s : test.validation()) {
            validation.add(new StepWatch(s, "recovery", revertedAt));
          }
          watch(validation, revertedAt, Duration.ZERO, false);
        }
      } finally {
        if (!reverted && revertedAt == null) {
          reverted = revert(fault);
          revertedAt = revertedAt == null ? clock.millis() : revertedAt;
        }
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
      return verdict();
    }

    /**
     * Evaluates every step not yet held each interval, until all held (and {@code atLeast} passed)
     * or observeFor.
     */
    private void watch(
        List<StepWatch> steps, long startMs, Duration atLeast, boolean faultInEffect) {
      long deadline = startMs + test.observeFor().toMillis();
      try {
        while (true) {
          if (faultInEffect) {
            breach = abortWatch.evaluate(clock.millis()).orElse(null);
            if (breach != null) {
              notes.add(
                  "abort condition fired at "
                      + java.time.Instant.ofEpochMilli(breach.atMs())
                      + ": "
                      + breach.detail()
                      + "; the fault was reverted at once");
              say("abort: " + breach.detail());
              return;
            }
          }
          for (StepWatch w : steps) {
            if (!w.done()) {
              long at = clock.millis();
              Observation o;
              try {
                o = w.step().check().evaluate(checks);
              } catch (
                  RuntimeException
                      e) { // a check that breaks did not hold; the run goes on and reverts
                o = Observation.notHeld("check failed: " + e);
              }
              w.observe(at, o);
              if (w.done()) {
                StepResult r = w.result();
                say(
                    String.format(
                        Locale.ROOT,
                        "step %s held after %.1fs: %s",
                        r.name(),
                        r.afterMs() / 1000.0,
                        r.heldDetail()));
              }
            }
          }
          long now = clock.millis();
          if (steps.stream().allMatch(StepWatch::done) && now - startMs >= atLeast.toMillis()) {
            return;
          }
          if (now >= deadline) {
            steps.stream()
                .filter(w -> !w.done())
                .forEach(
                    w ->
                        say(
                            "step "
                                + w.step().name()
                                + " did not hold within "
                                + test.observeFor().toMillis()
                                + "ms; last: "
                                + w.result().lastDetail()));
            return;
          }
          sleeper.sleep(
              Duration.ofMillis(Math.min(test.interval().toMillis(), Math.max(1, deadline - now))));
        }
      } catch (InterruptedException e) {
        interrupted = true;
        notes.add("interrupted while watching; the fault was reverted");
      }
    }

    private boolean revert(InjectedFault fault) {
      // an interrupt must not cut the revert short
      interrupted |= Thread.interrupted();
      return RecoveryRun.this.revert(fault, notes, this::say);
    }

    private void say(String line) {
      log.accept(test.name() + ": " + line);
    }

    private RecoveryResult verdict() {
      List<String> violations = new ArrayList<>();
      for (StepWatch w : behaviours) {
        if (!w.done()) {
          violations.add(
              "expected behaviour "
                  + w.step().name()
                  + " never held while the fault was in effect (last: "
                  + w.result().lastDetail()
                  + ")");
        }
      }
      for (StepWatch w : validation) {
        if (!w.done()) {
          violations.add(
              "validation step "
                  + w.step().name()
                  + " did not hold"
                  + (w.step().holdFor().isZero()
                      ? ""
                      : " for " + w.step().holdFor().toMillis() + "ms")
                  + " within "
                  + test.observeFor().toMillis()
                  + "ms (last: "
                  + w.result().lastDetail()
                  + ")");
        }
      }
      if (breach != null) {
        violations.add(0, "aborted: " + breach.detail());
      }
      if (validation.size() < test.validation().size()) {
        violations.add(
            "validation was not watched: the run was "
                + (breach != null ? "aborted" : "interrupted"));
      }
      Long measured = measured();
      if (measured != null && measured > test.expectedRecovery().toMillis()) {
        violations.add(
            "recovery took "
                + measured
                + "ms, expected at most "
                + test.expectedRecovery().toMillis()
                + "ms");
      }
      if (!reverted) {
        violations.add("the fault could not be verified gone");
      }
      RecoveryResult.Status status =
          interrupted || breach != null
              ? RecoveryResult.Status.ABORTED
              : !reverted
                  ? RecoveryResult.Status.ERROR
                  : violations.isEmpty()
                      ? RecoveryResult.Status.PASSED
                      : RecoveryResult.Status.VIOLATED;
      return result(status, violations);
    }

    private Long measured() {
      if (validation.isEmpty()
          || validation.size() < test.validation().size()
          || validation.stream().anyMatch(w -> !w.done())) {
        return null;
      }
      return validation.stream().mapToLong(w -> w.result().afterMs()).max().orElseThrow();
    }

    private RecoveryResult result(RecoveryResult.Status status, List<String> violations) {
      return new RecoveryResult(
          test.name(),
          planId,
          test.service(),
          test.trigger().fault().id(),
          test.trigger().target(),
          status,
          test.expectedRecovery().toMillis(),
          measured(),
          test.recoveryFrom().name().toLowerCase(Locale.ROOT),
          injectedAt,
          revertedAt,
          clock.millis(),
          reverted,
          behaviours.stream().map(StepWatch::result).toList(),
          validation.stream().map(StepWatch::result).toList(),
          violations,
          notes);
    }
  }
}
