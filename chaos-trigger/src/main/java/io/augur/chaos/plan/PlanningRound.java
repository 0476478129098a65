package io.augur.chaos.plan;

import io.augur.chaos.experiment.PlannedExperiment;
import io.augur.chaos.safety.GateDecision;
import io.augur.chaos.safety.SafetyGates;
import io.augur.chaos.targeting.ExperimentHistory;
import io.augur.chaos.targeting.RankedTarget;
import io.augur.chaos.targeting.RankingConfig;
import io.augur.chaos.targeting.TargetRanker;
import io.augur.chaos.targeting.Topology;
import io.augur.domain.Checks;
import io.augur.domain.FailurePrediction;
import java.time.Clock;
import java.util.List;

/**
 * One planning round, the whole pipeline behind {@code augur chaos plan} for callers that are not
 * the CLI: rank the latest predictions, plan the best {@code maxTargets}, and run every plan
 * through the gates (health read once per round). Approved plans are in the decisions; plans
 * needing a human go to {@link SafetyGates#approve}.
 */
public final class PlanningRound {
  /** The ranking (all components, best first) and one gate decision per planned experiment. */
  public record Result(Topology topology, List<RankedTarget> ranked, List<GateDecision> decisions) {
    public Result {
      ranked = List.copyOf(ranked);
      decisions = List.copyOf(decisions);
    }
  }

  private final RankingConfig ranking;
  private final SafetyGates gates;
  private final String defaultNamespace;
  private final int podsPerComponent;
  private final Clock clock;

  public PlanningRound(
      RankingConfig ranking,
      SafetyGates gates,
      String defaultNamespace,
      int podsPerComponent,
      Clock clock) {
    this.ranking = Checks.nonNull("ranking", ranking);
    this.gates = Checks.nonNull("gates", gates);
    this.defaultNamespace = Checks.nonBlank("defaultNamespace", defaultNamespace);
    if (podsPerComponent < 1) {
      throw new IllegalArgumentException("podsPerComponent must be >= 1, got " + podsPerComponent);
    }
    this.podsPerComponent = podsPerComponent;
    this.clock = Checks.nonNull("clock", clock);
  }

  public SafetyGates gates() {
    return gates;
  }

  public Result run(
      List<FailurePrediction> predictions, ExperimentHistory history, int maxTargets) {
    return run(predictions, history, maxTargets, java.util.Map.of());
  }

  /**
   * The same with pod counts per service read from the cluster ({@link Topology#fromPredictions(
   * java.util.Collection, java.util.Map, int)}); {@code podsPerComponent} is the fallback.
   */
  public Result run(
      List<FailurePrediction> predictions,
      ExperimentHistory history,
      int maxTargets,
      java.util.Map<String, Integer> knownPods) {
    Checks.noNullElements("predictions", predictions);
    Topology topology = Topology.fromPredictions(predictions, knownPods, podsPerComponent);
    List<RankedTarget> ranked =
        new TargetRanker(ranking, clock).rank(predictions, history, topology);
    List<PlannedExperiment> plans =
        new ChaosPlanner(gates.policy(), defaultNamespace, clock)
            .plan(ranked, topology, maxTargets);
    return new Result(topology, ranked, gates.evaluateAll(plans));
  }
}
