package io.augur.chaos.targeting;

import io.augur.domain.Checks;
import io.augur.domain.FailurePrediction;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Ranks components by where an experiment would teach most. For the latest prediction of each
 * component (probability p, model parts m_i):
 *
 * <pre>
 *   certainty gap  u_p = 1 - |2p - 1|                       (1 at p = 0.5, 0 at p = 0 or 1)
 *   disagreement   u_d = min(1, 2 * stddev(m_i))            (0 with fewer than two parts)
 *   uncertainty    U   = 1 - (1 - u_p) * (1 - u_d)          (either kind of doubt raises it)
 *   recency load   L   = sum over past experiments on it of 2^(-age / halfLife)
 *   recency        R   = 1 / (1 + gamma * L)
 *   blast radius   b   = (1 + collateral) / totalPods    (other affected components, see Topology)
 *   blast          B   = 1 / (1 + beta * b / blastReference)
 *   score              = p * (1 + alpha * U) * R * B
 * </pre>
 *
 * Ties are broken by component id so the ranking is deterministic. Time comes from the injected
 * clock.
 */
public final class TargetRanker {
  private final RankingConfig config;
  private final Clock clock;

  public TargetRanker(RankingConfig config, Clock clock) {
    this.config = Checks.nonNull("config", config);
    this.clock = Checks.nonNull("clock", clock);
  }

  /** Ranks the latest prediction per component, best target first. */
  public List<RankedTarget> rank(
      Collection<FailurePrediction> predictions, ExperimentHistory history, Topology topology) {
    Checks.noNullElements("predictions", predictions);
    Checks.nonNull("history", history);
    Checks.nonNull("topology", topology);
    long now = clock.millis();
    List<RankedTarget> out = new ArrayList<>();
    for (FailurePrediction p : latestPerComponent(predictions).values()) {
      out.add(score(p, history, topology, now));
    }
    out.sort(
        Comparator.comparingDouble(RankedTarget::score)
            .reversed()
            .thenComparing(RankedTarget::component));
    return out;
  }

  RankedTarget score(FailurePrediction p, ExperimentHistory history, Topology topology, long now) {
    double prob = p.probability();
    double gap = 1.0 - Math.abs(2.0 * prob - 1.0);
    double disagreement = disagreement(p.modelParts().values());
    double u = 1.0 - (1.0 - gap) * (1.0 - disagreement);
    double load = history.recencyLoad(p.component(), now, config.recencyHalfLife().toMillis());
    double r = 1.0 / (1.0 + config.recencyWeight() * load);
    double blast = topology.blastRadius(1, Topology.collateral(p));
    double b = 1.0 / (1.0 + config.blastWeight() * blast / config.blastReference());
    double score = prob * (1.0 + config.uncertaintyWeight() * u) * r * b;
    return new RankedTarget(p, score, u, disagreement, load, r, blast, b);
  }

  /** min(1, 2 * population standard deviation); 0 for fewer than two values. */
  static double disagreement(Collection<Double> parts) {
    if (parts.size() < 2) {
      return 0.0;
    }
    double mean = parts.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    double var = parts.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / parts.size();
    return Math.min(1.0, 2.0 * Math.sqrt(var));
  }

  static Map<String, FailurePrediction> latestPerComponent(
      Collection<FailurePrediction> predictions) {
    Map<String, FailurePrediction> latest = new HashMap<>();
    for (FailurePrediction p : predictions) {
      latest.merge(p.component(), p, (a, b) -> b.timestampMs() >= a.timestampMs() ? b : a);
    }
    return latest;
  }
}
