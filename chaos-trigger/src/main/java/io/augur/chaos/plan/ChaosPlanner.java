package io.augur.chaos.plan;

import io.augur.chaos.catalogue.ExperimentType;
import io.augur.chaos.experiment.Names;
import io.augur.chaos.experiment.PlannedExperiment;
import io.augur.chaos.experiment.RolloutStep;
import io.augur.chaos.experiment.Selection;
import io.augur.chaos.safety.AbortCondition;
import io.augur.chaos.safety.SafetyPolicy;
import io.augur.chaos.targeting.RankedTarget;
import io.augur.chaos.targeting.Topology;
import io.augur.domain.Checks;
import io.augur.domain.ExperimentPlan;
import io.augur.domain.FailurePrediction;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the best-ranked targets into experiments. For each target: the catalogue entry for its
 * predicted failure mode ({@link ExperimentType#forFailureMode}), the namespace from its {@code
 * namespace} label (else the default), a label selector {@code app=<job>} (or its {@code app}
 * label), and a progressive rollout: one pod (the predicted pod itself when the prediction carries
 * a {@code pod} label), then the largest percentage of the service's pods whose blast radius stays
 * within {@link SafetyPolicy#blastLimit()} (skipped when it would not hit more than one pod). Blast
 * radius is the larger of the pod share and, when the prediction has a {@code traffic_share} label,
 * the traffic share (see {@link PlannedExperiment#blastRadius}). The policy's abort conditions
 * become the plan's rollback triggers.
 */
public final class ChaosPlanner {
  private final SafetyPolicy policy;
  private final String defaultNamespace;
  private final Clock clock;

  public ChaosPlanner(SafetyPolicy policy, String defaultNamespace, Clock clock) {
    this.policy = Checks.nonNull("policy", policy);
    this.defaultNamespace = Checks.nonBlank("defaultNamespace", defaultNamespace);
    this.clock = Checks.nonNull("clock", clock);
  }

  /** Plans for the first {@code maxTargets} ranked targets. */
  public List<PlannedExperiment> plan(
      List<RankedTarget> ranked, Topology topology, int maxTargets) {
    if (maxTargets < 1) {
      throw new IllegalArgumentException("maxTargets must be >= 1, got " + maxTargets);
    }
    List<PlannedExperiment> out = new ArrayList<>();
    for (int i = 0; i < Math.min(maxTargets, ranked.size()); i++) {
      RankedTarget t = ranked.get(i);
      out.add(
          plan(t, ExperimentType.forFailureMode(t.prediction().failureMode()), topology, i + 1));
    }
    return out;
  }

  /** One experiment of the given type on a ranked target. */
  public PlannedExperiment plan(
      RankedTarget target, ExperimentType type, Topology topology, int rank) {
    FailurePrediction p = target.prediction();
    long now = clock.millis();
    String ns = p.componentLabels().getOrDefault("namespace", defaultNamespace);
    String app = Topology.serviceOf(p);
    int pods = topology.pods(p);
    Selection sel =
        new Selection(
            ns,
            Map.of("app", Names.labelValue(app)),
            pods,
            topology.totalPods(),
            p.componentLabels().get("node"),
            p.componentLabels().get("pod"),
            trafficShare(p));
    int affected = Topology.collateral(p);
    List<RolloutStep> rollout = rollout(type, sel, affected);
    double blast =
        rollout.stream()
            .mapToDouble(s -> PlannedExperiment.blastRadius(sel, s, affected))
            .max()
            .orElse(1.0);
    String id =
        Names.dns1123(
            "augur-" + type.id() + "-" + Names.labelValue(app) + "-" + rank + "-" + (now / 1000),
            63);
    Map<String, String> evidence = new LinkedHashMap<>(target.evidence());
    evidence.put("rank", Integer.toString(rank));
    evidence.put("rollout", describe(rollout));
    evidence.put("targetPods", Integer.toString(pods));
    evidence.put("systemPods", Integer.toString(topology.totalPods()));
    // the rest of the selection, so a plan that travels without it (the job's topic) can be rebuilt
    evidence.put("app", sel.labels().get("app"));
    evidence.put("affectedComponents", Integer.toString(affected));
    if (sel.node() != null) {
      evidence.put("node", sel.node());
    }
    if (sel.pod() != null) {
      evidence.put("pod", sel.pod());
    }
    if (sel.trafficShare() != null) {
      evidence.put("trafficShare", Double.toString(sel.trafficShare()));
    }
    long duration = type.defaultDuration().toSeconds();
    List<String> success =
        List.of(
            String.format(
                Locale.ROOT,
                "%s keeps serving: no abort condition fires during the %ds fault",
                app,
                duration),
            String.format(
                Locale.ROOT, "%s is healthy again within %ds after the fault ends", app, duration),
            "predicted failure mode " + p.failureMode() + " does not turn into an outage");
    List<String> rollback = policy.abortConditions().stream().map(AbortCondition::trigger).toList();
    ExperimentPlan plan =
        new ExperimentPlan(
            id,
            List.of(p.component()),
            ns,
            type.id(),
            p.failureMode(),
            duration,
            blast,
            success,
            rollback,
            evidence,
            blast > policy.approvalAbove(),
            now);
    return new PlannedExperiment(plan, type, sel, rollout, affected);
  }

  List<RolloutStep> rollout(ExperimentType type, Selection sel, int affected) {
    if (type.kind() == io.augur.chaos.catalogue.ChaosKind.POD_CHAOS
        && "node-failure".equals(type.id())) {
      return List.of(
          RolloutStep.all(sel.targetPods())); // conservatively: every target pod on the node
    }
    List<RolloutStep> steps = new ArrayList<>();
    steps.add(RolloutStep.onePod());
    double limit = policy.blastLimit();
    int best = 0;
    for (int pct = 100; pct >= 1; pct--) {
      RolloutStep s = RolloutStep.percentOf(pct, sel.targetPods());
      if (PlannedExperiment.blastRadius(sel, s, affected) <= limit) {
        best = pct;
        break;
      }
    }
    if (best > 0 && RolloutStep.percentOf(best, sel.targetPods()).podsHit() > 1) {
      steps.add(RolloutStep.percentOf(best, sel.targetPods()));
    }
    return steps;
  }

  /** The {@code traffic_share} label (0..1), or null. */
  static Double trafficShare(FailurePrediction p) {
    String v = p.componentLabels().get("traffic_share");
    if (v == null) {
      return null;
    }
    try {
      return Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "label traffic_share of " + p.component() + " must be a number, got \"" + v + "\"", e);
    }
  }

  static String describe(List<RolloutStep> steps) {
    List<String> parts = new ArrayList<>();
    for (RolloutStep s : steps) {
      parts.add(
          switch (s.mode()) {
            case "one" -> "one pod";
            case "fixed-percent" -> s.percent() + "% (" + s.podsHit() + " pods)";
            default -> "all " + s.podsHit() + " pods";
          });
    }
    return String.join(" then ", parts);
  }
}
