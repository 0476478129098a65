package io.augur.chaos.adaptive;

import io.augur.chaos.experiment.PlannedExperiment;
import io.augur.chaos.experiment.RolloutStep;
import io.augur.chaos.experiment.Selection;
import io.augur.chaos.recovery.Observation;
import io.augur.chaos.recovery.RecoveryRun;
import io.augur.chaos.safety.AbortCondition;
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
import java.util.Map;

/**
 * Responds to one detected failure: if the health check still fails, picks a strategy with the
 * {@link StrategyChooser} among the library's candidates the executor supports, has every safety
 * gate judge it as a plan (namespace allowlist, {@code kube-*} refused, blast radius, pre-flight,
 * windows, and a named approver for a critical service), carries it out, polls the health check
 * until it passes or {@code timeout} passes, and appends the attempt to the effectiveness log. In a
 * dry run the gates still judge, the actions are only listed, and nothing is recorded.
 */
public final class RecoveryResponder {
  /** The health check whose passing again means recovered. */
  @FunctionalInterface
  public interface HealthProbe {
    Observation probe() throws InterruptedException;
  }

  /**
   * @param timeout how long the health check may take to pass again after the action
   * @param replicas instances the service has (pre-flight wants two for a destructive action)
   * @param systemSize instances in the whole system: the blast radius is replicas touched / this
   * @param approver a person approving what needs one (a critical service), or null
   * @param apply false: dry run
   */
  public record Options(
      Duration timeout,
      Duration interval,
      int replicas,
      int systemSize,
      String approver,
      boolean apply) {
    public Options {
      Checks.nonNull("timeout", timeout);
      Checks.nonNull("interval", interval);
      if (timeout.toMillis() < 1 || interval.toMillis() < 1) {
        throw new IllegalArgumentException(
            "timeout and interval must be >= 1ms, got " + timeout + ", " + interval);
      }
      if (replicas < 1 || systemSize < replicas) {
        throw new IllegalArgumentException(
            "need 1 <= replicas <= systemSize, got replicas="
                + replicas
                + " systemSize="
                + systemSize);
      }
    }
  }

  /**
   * ERROR: the actions could not even be listed (e.g. the API server did not answer); nothing was
   * done.
   */
  public enum Status {
    RECOVERED,
    NOT_RECOVERED,
    ALREADY_HEALTHY,
    NO_STRATEGY,
    REFUSED,
    DRY_RUN,
    ERROR
  }

  /**
   * What happened; {@code attempt} is what was recorded (null unless the strategy was carried out).
   */
  public record Response(
      Failure failure,
      Status status,
      Strategy strategy,
      StrategyChooser.Choice choice,
      List<String> actions,
      List<String> reasons,
      Attempt attempt) {
    public Response {
      actions = List.copyOf(actions);
      reasons = List.copyOf(reasons);
    }
  }

  private final SafetyGates gates;
  private final RecoveryActions actions;
  private final StrategyChooser chooser;
  private final EffectivenessLog log;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Options options;

  public RecoveryResponder(
      SafetyGates gates,
      RecoveryActions actions,
      StrategyChooser chooser,
      EffectivenessLog log,
      Clock clock,
      Sleeper sleeper,
      Options options) {
    this.gates = Checks.nonNull("gates", gates);
    this.actions = Checks.nonNull("actions", actions);
    this.chooser = Checks.nonNull("chooser", chooser);
    this.log = Checks.nonNull("log", log);
    this.clock = Checks.nonNull("clock", clock);
    this.sleeper = Checks.nonNull("sleeper", sleeper);
    this.options = Checks.nonNull("options", options);
  }

  public Response respond(Failure failure, HealthProbe health) throws InterruptedException {
    Checks.nonNull("failure", failure);
    Checks.nonNull("health", health);
    Observation before = health.probe();
    if (before.held() && options.apply()) {
      return new Response(
          failure,
          Status.ALREADY_HEALTHY,
          null,
          null,
          List.of(),
          List.of("health check holds: " + before.detail()),
          null);
    }
    List<String> reasons = new ArrayList<>();
    List<Strategy> candidates = new ArrayList<>();
    for (Strategy s : StrategyLibrary.candidates(failure.failureType())) {
      actions
          .unsupported(s, failure)
          .ifPresentOrElse(u -> reasons.add(s.id() + ": " + u), () -> candidates.add(s));
    }
    if (candidates.isEmpty()) {
      return new Response(failure, Status.NO_STRATEGY, null, null, List.of(), reasons, null);
    }
    StrategyChooser.Choice choice = chooser.choose(failure, candidates, log.read().attempts());
    choice.excluded().forEach((s, why) -> reasons.add(s.id() + ": " + why));
    if (choice.strategy() == null) {
      return new Response(failure, Status.NO_STRATEGY, null, choice, List.of(), reasons, null);
    }
    Strategy s = choice.strategy();
    GateDecision d = gates.evaluate(plan(failure, s));
    if (d.status() == GateDecision.Status.NEEDS_APPROVAL
        && options.approver() != null
        && !options.approver().isBlank()) {
      d = gates.review(plan(failure, s), options.approver());
    }
    if (d.status() != GateDecision.Status.APPROVED) {
      reasons.add("safety gates: " + d.status() + ": " + String.join("; ", d.reasons()));
      return new Response(failure, Status.REFUSED, s, choice, List.of(), reasons, null);
    }
    reasons.add(String.join("; ", d.reasons()));
    if (!options.apply()) {
      try {
        return new Response(
            failure, Status.DRY_RUN, s, choice, actions.plan(s, failure), reasons, null);
      } catch (RecoveryActions.RecoveryActionException e) {
        reasons.add("cannot list the actions: " + e.getMessage());
        return new Response(failure, Status.ERROR, s, choice, List.of(), reasons, null);
      }
    }
    long started = clock.millis();
    RecoveryActions.Performed done;
    try {
      done = actions.perform(s, failure);
    } catch (RecoveryActions.RecoveryActionException e) {
      Attempt a =
          new Attempt(
              failure.id(),
              failure.failureType(),
              failure.service(),
              failure.context(),
              s.id(),
              actions.name(),
              false,
              null,
              started,
              "action failed: " + e.getMessage());
      log.append(a);
      return new Response(failure, Status.NOT_RECOVERED, s, choice, List.of(), reasons, a);
    }
    Observation last = null;
    Long recoveredMs = null;
    long deadline = started + options.timeout().toMillis();
    while (true) {
      last = health.probe();
      long now = clock.millis();
      if (last.held()) {
        recoveredMs = now - started;
        break;
      }
      if (now >= deadline || done.hopeless().getAsBoolean()) {
        break;
      }
      sleeper.sleep(
          Duration.ofMillis(Math.min(options.interval().toMillis(), Math.max(1, deadline - now))));
    }
    String detail =
        String.join("; ", done.done())
            + "; health: "
            + last.detail()
            + (recoveredMs == null && done.hopeless().getAsBoolean()
                ? " (gave up: every instance started has exited)"
                : "");
    Attempt a =
        new Attempt(
            failure.id(),
            failure.failureType(),
            failure.service(),
            failure.context(),
            s.id(),
            actions.name(),
            recoveredMs != null,
            recoveredMs,
            started,
            detail);
    log.append(a);
    return new Response(
        failure,
        recoveredMs != null ? Status.RECOVERED : Status.NOT_RECOVERED,
        s,
        choice,
        done.done(),
        reasons,
        a);
  }

  /**
   * The action as a plan for the gates: one instance of the service, the policy's abort conditions.
   */
  PlannedExperiment plan(Failure f, Strategy s) {
    long now = clock.millis();
    Map<String, String> evidence = new LinkedHashMap<>();
    evidence.put("failure", f.id());
    evidence.put("failureType", f.failureType());
    evidence.put("strategy", s.id());
    evidence.put("source", f.source());
    long seconds = Math.max(1, (options.timeout().toMillis() + 999) / 1000);
    ExperimentPlan plan =
        new ExperimentPlan(
            "recovery-" + s.id() + "-" + f.service() + "-" + now,
            List.of(f.service()),
            f.namespace(),
            s.gateType().id(),
            "adaptive-recovery",
            seconds,
            1.0 / options.systemSize(),
            List.of("health check passes within " + options.timeout().toMillis() + "ms"),
            gates.policy().abortConditions().stream().map(AbortCondition::trigger).toList(),
            evidence,
            f.critical(),
            now);
    Selection sel =
        new Selection(
            f.namespace(),
            Map.of("app", RecoveryRun.labelValue(f.service())),
            options.replicas(),
            options.systemSize(),
            null,
            null,
            null);
    return new PlannedExperiment(plan, s.gateType(), sel, List.of(RolloutStep.onePod()), 0);
  }
}
