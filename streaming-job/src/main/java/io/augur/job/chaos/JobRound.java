package io.augur.job.chaos;

import io.augur.chaos.config.ChaosConfig;
import io.augur.chaos.plan.PlanningRound;
import io.augur.chaos.prom.InMemoryMetricsSource;
import io.augur.chaos.prom.MetricsSource;
import io.augur.chaos.safety.GateDecision;
import io.augur.chaos.safety.HealthGate;
import io.augur.chaos.safety.PreflightCheck;
import io.augur.chaos.safety.SafetyGates;
import io.augur.chaos.safety.SafetyPolicy;
import io.augur.chaos.targeting.ExperimentHistory;
import io.augur.domain.ExperimentPlan;
import io.augur.domain.FailurePrediction;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * One planning round of the job, without Flink: what {@link ChaosTargetFunction} keeps in state
 * goes in (latest predictions, history with running experiments, pod counts, health), the plans to
 * emit come out. No I/O: health is whatever {@code health} answers from memory.
 */
final class JobRound {
  /**
   * The plans to emit; how many planned experiments were held back, by gate status; the gates'
   * reasons; and how many held-back plans had each kind of reason ({@link #reasonKind}).
   */
  record Result(
      List<ExperimentPlan> plans,
      Map<GateDecision.Status, Integer> held,
      List<String> reasons,
      Map<String, Integer> kinds) {}

  private final ChaosTargetSettings settings;
  private final ChaosConfig cfg;

  JobRound(ChaosTargetSettings settings, ChaosConfig cfg) {
    this.settings = settings;
    this.cfg = cfg;
  }

  /** Health for a simulated fleet: every query reads 0 (no errors, no burn, no alerts). */
  static MetricsSource perfectHealth(ChaosConfig cfg) {
    InMemoryMetricsSource healthy = new InMemoryMetricsSource();
    cfg.healthQueries().forEach(q -> healthy.set(q.promql(), 0.0));
    return healthy;
  }

  Result run(
      List<FailurePrediction> predictions,
      long nowMs,
      ExperimentHistory history,
      Map<String, Integer> pods,
      MetricsSource health) {
    Clock clock = Clock.fixed(Instant.ofEpochMilli(nowMs), ZoneOffset.UTC);
    SafetyPolicy policy =
        settings.gates().policy(settings.namespaces(), cfg.abortConditions(), settings.simulated());
    List<PreflightCheck> checks = new ArrayList<>();
    checks.add(PreflightCheck.minReplicasForDestructive());
    checks.add(PreflightCheck.noRunningExperimentOnService(history));
    if (settings.gates().predictedFailureCeiling() != null) {
      Map<String, Double> p = new HashMap<>();
      predictions.forEach(x -> p.put(x.component(), x.probability()));
      checks.add(
          PreflightCheck.predictedFailureCeilingFrom(
              t -> p.containsKey(t) ? OptionalDouble.of(p.get(t)) : OptionalDouble.empty(),
              settings.gates().predictedFailureCeiling()));
    }
    SafetyGates gates =
        new SafetyGates(
            policy,
            new HealthGate(health, cfg.healthQueries(), settings.gates().healthThreshold()),
            checks,
            clock);
    PlanningRound.Result r =
        new PlanningRound(
                settings.ranking().toConfig(),
                gates,
                settings.namespaces().get(0),
                settings.loop().defaultReplicas(),
                clock)
            .run(predictions, history, settings.maxTargets(), pods);
    List<ExperimentPlan> out = new ArrayList<>();
    Map<GateDecision.Status, Integer> held = new EnumMap<>(GateDecision.Status.class);
    List<String> reasons = new ArrayList<>();
    Set<String> services = new HashSet<>();
    Map<String, Integer> kinds = new java.util.TreeMap<>();
    for (GateDecision d : r.decisions()) {
      ExperimentPlan p = d.planned().plan();
      boolean pass =
          d.status() == GateDecision.Status.APPROVED
              || d.status() == GateDecision.Status.NEEDS_APPROVAL;
      if (pass && !services.add(d.planned().selection().labels().get("app"))) {
        held.merge(
            GateDecision.Status.DEFERRED, 1, Integer::sum); // one experiment per service per round
        reasons.add(
            "pre-flight: a second experiment on service "
                + d.planned().selection().labels().get("app")
                + " in the same round");
        kinds.merge(reasonKind("same round"), 1, Integer::sum);
      } else if (d.status() == GateDecision.Status.APPROVED) {
        out.add(p);
      } else if (d.status() == GateDecision.Status.NEEDS_APPROVAL) {
        out.add(
            new ExperimentPlan(
                p.id(),
                p.targets(),
                p.namespace(),
                p.experimentType(),
                p.failureMode(),
                p.durationSeconds(),
                p.blastRadius(),
                p.successCriteria(),
                p.rollbackTriggers(),
                p.evidence(),
                true,
                p.createdAtMs()));
      } else {
        held.merge(d.status(), 1, Integer::sum);
        reasons.addAll(d.reasons());
        d.reasons().stream()
            .map(JobRound::reasonKind)
            .distinct()
            .forEach(k -> kinds.merge(k, 1, Integer::sum));
      }
    }
    return new Result(out, held, reasons, kinds);
  }

  /** The kind of a gate's reason, for counting: "health unknown", "blast radius over limit", ... */
  static String reasonKind(String reason) {
    String r = reason.toLowerCase(java.util.Locale.ROOT);
    if (r.contains("is never a target")) {
      return "namespace never a target";
    } else if (r.contains("not on the allowlist")) {
      return "namespace not on the allowlist";
    } else if (r.contains("health unknown")
        || r.contains(" unavailable: ")
        || r.contains(" has no data ")) {
      return "health unknown";
    } else if (r.contains("system health")) {
      return "health below threshold";
    } else if (r.contains("same round")) {
      return "second experiment on a service in one round";
    } else if (r.contains("running on")) {
      return "experiment running on the service";
    } else if (r.contains("replicas")) {
      return "too few replicas";
    } else if (r.contains("blast radius")) {
      return "blast radius over the limit";
    } else if (r.contains("windows")) {
      return "outside the time windows";
    } else if (r.startsWith("duration")) {
      return "duration over the maximum";
    } else if (r.contains("predicted failure")) {
      return "predicted failure above the ceiling";
    }
    return reason.length() > 60 ? reason.substring(0, 60) : reason;
  }
}
