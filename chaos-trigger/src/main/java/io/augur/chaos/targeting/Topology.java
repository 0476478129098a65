package io.augur.chaos.targeting;

import io.augur.domain.Checks;
import io.augur.domain.FailurePrediction;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * How many pods each component runs, and how many the whole system runs: the denominator of every
 * blast radius. A component's pod count comes from its {@code replicas} label when the prediction
 * carries one, else from {@code defaultPods}.
 *
 * <p>Blast radius of an experiment hitting {@code podsHit} pods of component c is
 * {@code min(1, (podsHit + |affectedComponents(c)|) / totalPods)}: the pods hit plus one pod's worth
 * of collateral for each downstream component the prediction names.
 */
public final class Topology {
  public static final String REPLICAS_LABEL = "replicas";

  private final Map<String, Integer> pods;
  private final int totalPods;

  public Topology(Map<String, Integer> pods, int totalPods) {
    Checks.noNullEntries("pods", pods);
    int sum = 0;
    for (Map.Entry<String, Integer> e : pods.entrySet()) {
      if (e.getValue() < 1) {
        throw new IllegalArgumentException("pods[" + e.getKey() + "] must be >= 1, got " + e.getValue());
      }
      sum += e.getValue();
    }
    if (totalPods < sum || totalPods < 1) {
      throw new IllegalArgumentException(
          "totalPods must be >= 1 and >= the sum of component pods (" + sum + "), got " + totalPods);
    }
    this.pods = Map.copyOf(pods);
    this.totalPods = totalPods;
  }

  /** Pods from each prediction's {@code replicas} label (else {@code defaultPods}); total = their sum. */
  public static Topology fromPredictions(Collection<FailurePrediction> predictions, int defaultPods) {
    if (defaultPods < 1) {
      throw new IllegalArgumentException("defaultPods must be >= 1, got " + defaultPods);
    }
    Map<String, Integer> pods = new HashMap<>();
    for (FailurePrediction p : predictions) {
      String r = p.componentLabels().get(REPLICAS_LABEL);
      int n = defaultPods;
      if (r != null) {
        try {
          n = Math.max(1, Integer.parseInt(r.trim()));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "label " + REPLICAS_LABEL + " of " + p.component() + " must be an integer, got \"" + r + "\"", e);
        }
      }
      pods.put(p.component(), n);
    }
    int total = pods.values().stream().mapToInt(Integer::intValue).sum();
    return new Topology(pods, Math.max(1, total));
  }

  public int pods(String component) {
    return pods.getOrDefault(component, 1);
  }

  public int totalPods() {
    return totalPods;
  }

  public double blastRadius(String component, int podsHit, int affectedComponents) {
    if (podsHit < 1) {
      throw new IllegalArgumentException("podsHit must be >= 1, got " + podsHit);
    }
    return Math.min(1.0, (podsHit + (double) Math.max(0, affectedComponents)) / totalPods);
  }
}
