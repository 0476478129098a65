package io.augur.chaos.gameday;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.augur.chaos.exec.AbortWatch;
import io.augur.chaos.exec.FaultException;
import io.augur.chaos.exec.InjectedFault;
import io.augur.chaos.experiment.PlannedExperiment;
import io.augur.chaos.prom.MetricsSource;
import io.augur.chaos.recovery.CheckContext;
import io.augur.chaos.recovery.Observation;
import io.augur.chaos.recovery.RecoveryRun;
import io.augur.chaos.recovery.StepResult;
import io.augur.chaos.recovery.StepWatch;
import io.augur.chaos.recovery.ValidationStep;
import io.augur.chaos.safety.AbortCondition;
import io.augur.domain.Checks;
import io.augur.domain.Sleeper;
import io.augur.json.Wire;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Consumer;

/**
 * Runs a {@link Scenario} as its javadoc describes. Faults go in and out through a {@link
 * RecoveryRun} (the safety gates judge each inject action's plan, the executor journals the fault
 * before applying it, a revert is verified and retried), so a game day has the guarantees a
 * recovery test has: every fault injected is reverted in a {@code finally}, also when an abort
 * condition fires, an action throws, or the thread is interrupted (SIGTERM; the interrupt flag is
 * set again afterwards).
 */
public final class GameDay {
  private static final ObjectMapper JSON = Wire.EXTERNAL;

  private final RecoveryRun faults;
  private final CheckContext checks;
  private final MetricsSource metrics;
  private final List<AbortCondition> policyAbortConditions;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Consumer<String> log;

  /**
   * @param faults injects and reverts the scenario's faults (its gates, executor and journal)
   * @param metrics where abort conditions, snapshots and the key metric are read
   * @param policyAbortConditions the safety policy's abort conditions, carried by each inject's
   *     plan with the scenario's own
   */
  public GameDay(
      RecoveryRun faults,
      CheckContext checks,
      MetricsSource metrics,
      List<AbortCondition> policyAbortConditions,
      Clock clock,
      Sleeper sleeper,
      Consumer<String> log) {
    this.faults = Checks.nonNull("faults", faults);
    this.checks = Checks.nonNull("checks", checks);
    this.metrics = Checks.nonNull("metrics", metrics);
    this.policyAbortConditions = List.copyOf(policyAbortConditions);
    this.clock = Checks.nonNull("clock", clock);
    this.sleeper = Checks.nonNull("sleeper", sleeper);
    this.log = log == null ? s -> {} : log;
  }

  public GameDayResult run(Scenario scenario) {
    return new Run(Checks.nonNull("scenario", scenario)).execute();
  }

  /**
   * A fault in effect and the phase whose start (or, null, the end of the phase it went in) reverts
   * it.
   */
  private record Active(
      Scenario.Inject action,
      String phase,
      PlannedExperiment planned,
      InjectedFault fault,
      long injectedAtMs) {}

  private final class Run {
    private final Scenario s;
    private final List<GameDayResult.PhaseRecord> phases = new ArrayList<>();
    private final List<GameDayResult.ActionRecord> actions = new ArrayList<>();
    private final List<GameDayResult.FaultRecord> faultRecords = new ArrayList<>();
    private final List<GameDayResult.SnapshotRecord> snapshots = new ArrayList<>();
    private final List<GameDayResult.Sample> samples = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<Active> active = new ArrayList<>();
    private final AbortWatch abortWatch;
    private final AbortWatch faultWatch;
    private String abortReason;
    private boolean interrupted;

    Run(Scenario s) {
      this.s = s;
      this.abortWatch = new AbortWatch(s.abortConditions(), metrics);
      this.faultWatch = new AbortWatch(policyAbortConditions, metrics);
    }

    GameDayResult execute() {
      long start = clock.millis();
      say(
          "game day "
              + s.name()
              + " starts: "
              + s.phases().size()
              + " phases, "
              + s.duration().toMillis()
              + "ms");
      try {
        for (Scenario.Phase p : s.phases()) {
          if (abortReason != null) {
            break;
          }
          runPhase(p);
        }
      } catch (InterruptedException e) {
        interrupted = true;
        abortReason =
            abortReason != null ? abortReason : "interrupted (a signal stopped the game day)";
      } catch (RuntimeException e) {
        abortReason = "error: " + e;
        notes.add("the game day failed: " + e);
      } finally {
        revertAll(null);
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
      for (GameDayResult.FaultRecord f : faultRecords) {
        if (!f.reverted()) {
          violations.add(
              "fault "
                  + f.faultId()
                  + " ("
                  + f.fault()
                  + " on "
                  + f.target()
                  + ") could not be verified gone");
        }
      }
      if (abortReason != null) {
        violations.add(0, "aborted: " + abortReason);
      }
      GameDayResult.Status status =
          abortReason != null
              ? GameDayResult.Status.ABORTED
              : violations.isEmpty() ? GameDayResult.Status.PASSED : GameDayResult.Status.VIOLATED;
      long end = clock.millis();
      say(
          "game day "
              + s.name()
              + ": "
              + status
              + (abortReason == null ? "" : " (" + abortReason + ")"));
      return new GameDayResult(
          s.name(),
          status,
          start,
          end,
          phases,
          actions,
          faultRecords,
          snapshots,
          s.keyMetric() == null ? null : s.keyMetric().name(),
          samples,
          abortReason,
          violations,
          notes);
    }

    private void runPhase(Scenario.Phase p) throws InterruptedException {
      long phaseStart = clock.millis();
      say("phase " + p.name() + " starts (" + p.duration().toMillis() + "ms)");
      List<StepWatch> watches = new ArrayList<>();
      for (ValidationStep v : p.validations()) {
        watches.add(new StepWatch(v, p.name(), phaseStart));
      }
      boolean completed = false;
      try {
        // faults that last until this phase are reverted as it starts
        revertAll(p.name());
        long end = phaseStart + p.duration().toMillis();
        int next = 0;
        List<Scenario.Action> todo = new ArrayList<>(p.actions());
        todo.sort(java.util.Comparator.comparing(Scenario.Action::at));
        while (true) {
          long now = clock.millis();
          // the scenario's conditions hold over the whole game day; the policy's while a fault is
          // in effect,
          // as they do for any experiment
          AbortWatch.Breach b =
              s.abortConditions().isEmpty() ? null : abortWatch.evaluate(now).orElse(null);
          if (b == null && !active.isEmpty() && !policyAbortConditions.isEmpty()) {
            b = faultWatch.evaluate(now).orElse(null);
          }
          {
            if (b != null) {
              abortReason =
                  "abort condition at "
                      + Instant.ofEpochMilli(b.atMs())
                      + " in phase "
                      + p.name()
                      + ": "
                      + b.detail();
              say("abort: " + b.detail());
              return;
            }
          }
          while (next < todo.size() && todo.get(next).at().toMillis() <= now - phaseStart) {
            act(p, todo.get(next++));
            if (abortReason != null) {
              return;
            }
          }
          sample();
          for (StepWatch w : watches) {
            if (!w.done()) {
              long at = clock.millis();
              Observation o;
              try {
                o = w.step().check().evaluate(checks);
              } catch (RuntimeException e) {
                o = Observation.notHeld("check failed: " + e);
              }
              w.observe(at, o);
              if (w.done()) {
                StepResult r = w.result();
                say(
                    String.format(
                        Locale.ROOT,
                        "validation %s held %.1fs into %s: %s",
                        r.name(),
                        r.afterMs() / 1000.0,
                        p.name(),
                        r.heldDetail()));
              }
            }
          }
          now = clock.millis();
          if (now >= end) {
            completed = next >= todo.size();
            break;
          }
          long wait = Math.min(s.interval().toMillis(), end - now);
          if (next < todo.size()) {
            wait = Math.min(wait, Math.max(1, phaseStart + todo.get(next).at().toMillis() - now));
          }
          sleeper.sleep(Duration.ofMillis(Math.max(1, wait)));
        }
        // faults that last only for this phase are reverted as it ends
        for (Active a : List.copyOf(active)) {
          if (a.phase().equals(p.name()) && a.action().until() == null) {
            revert(a);
          }
        }
      } finally {
        List<StepResult> results = watches.stream().map(StepWatch::result).toList();
        phases.add(
            new GameDayResult.PhaseRecord(
                p.name(), p.duration().toMillis(), phaseStart, clock.millis(), completed, results));
        if (completed) {
          for (StepResult r : results) {
            if (!r.held()) {
              violations.add(
                  "validation "
                      + r.name()
                      + " in "
                      + p.name()
                      + " did not hold"
                      + (r.holdForMs() == 0 ? "" : " for " + r.holdForMs() + "ms")
                      + " (last: "
                      + r.lastDetail()
                      + ")");
            }
          }
        }
        say("phase " + p.name() + " ends");
      }
    }

    private void act(Scenario.Phase p, Scenario.Action a) throws InterruptedException {
      long at = clock.millis();
      if (a instanceof Scenario.Notification n) {
        String detail;
        boolean ok;
        try {
          detail = notify(p, n);
          ok = true;
        } catch (IOException | RuntimeException e) {
          detail = "notification failed: " + e.getMessage();
          ok = false;
          notes.add(n.name() + ": " + detail);
        }
        record(p, a, "notify", at, ok, detail);
      } else if (a instanceof Scenario.Snapshot sn) {
        Map<String, Double> values = new LinkedHashMap<>();
        new java.util.TreeMap<>(sn.queries()).forEach((k, q) -> values.put(k, query(q)));
        snapshots.add(new GameDayResult.SnapshotRecord(sn.name(), p.name(), at, values));
        record(p, a, "snapshot", at, true, values.toString());
      } else if (a instanceof Scenario.Inject in) {
        inject(p, in, at);
      } else if (a instanceof Scenario.Failover f) {
        Observation o = f.command() != null ? f.command().evaluate(checks) : call(f.http());
        record(p, a, "failover", at, o.held(), o.detail());
        if (!o.held()) {
          violations.add("failover " + f.name() + " in " + p.name() + " failed: " + o.detail());
        }
      }
    }

    private void inject(Scenario.Phase p, Scenario.Inject in, long at) {
      List<AbortCondition> carried = new ArrayList<>(policyAbortConditions);
      carried.addAll(s.abortConditions());
      Duration lasts = lasts(p, in);
      PlannedExperiment planned =
          RecoveryRun.plan(
              "gameday",
              "game-day",
              "gameDay",
              s.name() + "-" + in.name(),
              s.namespace(),
              in.trigger(),
              lasts,
              List.of("game day " + s.name() + " phase validations hold"),
              carried,
              at);
      try {
        InjectedFault f = faults.inject(planned, notes);
        long injectedAt = clock.millis();
        active.add(new Active(in, p.name(), planned, f, injectedAt));
        faultRecords.add(
            new GameDayResult.FaultRecord(
                in.name(),
                p.name(),
                planned.plan().id(),
                f.id(),
                in.trigger().fault().id(),
                in.trigger().target(),
                injectedAt,
                null,
                false));
        record(
            p,
            in,
            "inject",
            at,
            true,
            "injected " + f.experimentType() + " into " + f.target() + " (" + f.id() + ")");
        say("injected " + f.experimentType() + " into " + f.target() + " (" + f.id() + ")");
      } catch (IllegalStateException | FaultException e) {
        record(p, in, "inject", at, false, e.getMessage());
        abortReason =
            "cannot inject "
                + in.trigger().fault().id()
                + " into "
                + in.trigger().target()
                + " (action "
                + in.name()
                + "): "
                + e.getMessage();
      }
    }

    /**
     * How long the fault is planned to stay: to the end of its phase, or to the start of its until
     * phase.
     */
    private Duration lasts(Scenario.Phase p, Scenario.Inject in) {
      Duration d = p.duration().minus(in.at());
      if (in.until() == null) {
        return d;
      }
      boolean after = false;
      for (Scenario.Phase q : s.phases()) {
        if (q.name().equals(in.until())) {
          break;
        }
        if (after) {
          d = d.plus(q.duration());
        }
        after |= q == p;
      }
      return d;
    }

    /** Reverts the faults whose until is {@code phase}, or all (null), newest first. */
    private void revertAll(String phase) {
      for (int i = active.size() - 1; i >= 0; i--) {
        Active a = active.get(i);
        if (phase == null || phase.equals(a.action().until())) {
          revert(a);
        }
      }
    }

    private void revert(Active a) {
      active.remove(a);
      boolean ok = faults.revert(a.fault(), notes);
      long at = clock.millis();
      for (int i = 0; i < faultRecords.size(); i++) {
        GameDayResult.FaultRecord r = faultRecords.get(i);
        if (r.faultId().equals(a.fault().id())) {
          faultRecords.set(
              i,
              new GameDayResult.FaultRecord(
                  r.action(),
                  r.phase(),
                  r.planId(),
                  r.faultId(),
                  r.fault(),
                  r.target(),
                  r.injectedAtMs(),
                  at,
                  ok));
        }
      }
      if (!ok) { // RecoveryRun logs a verified revert
        say("NOT verified gone: " + a.fault().id());
      }
    }

    private void record(
        Scenario.Phase p, Scenario.Action a, String kind, long at, boolean ok, String detail) {
      actions.add(
          new GameDayResult.ActionRecord(p.name(), a.name(), kind, a.describe(), at, ok, detail));
    }

    private void sample() {
      if (s.keyMetric() != null) {
        Double v = query(s.keyMetric().promql());
        samples.add(new GameDayResult.Sample(clock.millis(), v == null ? Double.NaN : v));
      }
    }

    private Double query(String promql) {
      try {
        OptionalDouble v = metrics.query(promql);
        return v.isPresent() && Double.isFinite(v.getAsDouble()) ? v.getAsDouble() : null;
      } catch (RuntimeException e) {
        return null;
      }
    }

    private String notify(Scenario.Phase p, Scenario.Notification n)
        throws IOException, InterruptedException {
      Scenario.Notify to = s.notifyTo();
      String now = Instant.ofEpochMilli(clock.millis()).toString();
      if (to.alertmanager() != null) {
        ArrayNode alerts = JSON.createArrayNode();
        ObjectNode alert = alerts.addObject();
        ObjectNode labels = alert.putObject("labels");
        labels.put("alertname", "AugurGameDay");
        labels.put("gameday", s.name());
        labels.put("phase", p.name());
        labels.put("severity", "info");
        alert.putObject("annotations").put("summary", n.message());
        alert.put("startsAt", now);
        alert.put(
            "endsAt", Instant.ofEpochMilli(clock.millis()).plus(Duration.ofMinutes(5)).toString());
        java.net.URI url = to.alertmanager().resolve("/api/v2/alerts");
        int status = post(url, alerts.toString(), Duration.ofSeconds(5));
        if (status / 100 != 2) {
          throw new IOException("POST " + url + " answered " + status);
        }
        return "Alertmanager " + url + " answered " + status;
      }
      ObjectNode body = JSON.createObjectNode();
      body.put("gameday", s.name());
      body.put("phase", p.name());
      body.put("action", n.name());
      body.put("message", n.message());
      body.put("at", now);
      int status = post(to.webhook(), body.toString(), Duration.ofSeconds(5));
      if (status / 100 != 2) {
        throw new IOException("POST " + to.webhook() + " answered " + status);
      }
      return "webhook " + to.webhook() + " answered " + status;
    }

    private int post(java.net.URI url, String json, Duration timeout)
        throws IOException, InterruptedException {
      HttpResponse<Void> r =
          checks
              .http()
              .send(
                  HttpRequest.newBuilder(url)
                      .timeout(timeout)
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString(json))
                      .build(),
                  HttpResponse.BodyHandlers.discarding());
      return r.statusCode();
    }

    private Observation call(Scenario.HttpCall c) throws InterruptedException {
      try {
        HttpResponse<Void> r =
            checks
                .http()
                .send(
                    HttpRequest.newBuilder(c.url())
                        .timeout(c.timeout())
                        .method(
                            c.method(),
                            c.body().isEmpty()
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(c.body()))
                        .build(),
                    HttpResponse.BodyHandlers.discarding());
        String d = c.method() + " " + c.url() + " answered " + r.statusCode();
        return r.statusCode() == c.status()
            ? Observation.held(d)
            : Observation.notHeld(d + ", expected " + c.status());
      } catch (IOException e) {
        return Observation.notHeld(c.method() + " " + c.url() + ": " + e);
      }
    }

    private void say(String line) {
      log.accept(s.name() + ": " + line);
    }
  }
}
