package io.augur.job.chaos;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * How the job picks chaos targets from its predictions.
 *
 * @param every how often (event time) a planning round runs over the latest prediction per component
 * @param maxTargets the most experiments planned per round
 * @param namespaces the allowlist (kube-system and kube-* are refused whatever is listed)
 * @param prometheusUrl where the health gate reads error ratio, burn rate and alerts firing; null: health
 *     unknown, and every plan is deferred (nothing is emitted)
 * @param simulated for simulated fleets only: health reads as perfect and experiments may run at any hour
 */
public record ChaosTargetSettings(Duration every, int maxTargets, List<String> namespaces, String prometheusUrl,
    boolean simulated) implements Serializable {
  public ChaosTargetSettings {
    if (every == null || every.toMillis() < 1000) {
      throw new IllegalArgumentException("every must be >= 1 s, got " + every);
    }
    if (maxTargets < 1) {
      throw new IllegalArgumentException("maxTargets must be >= 1, got " + maxTargets);
    }
    if (namespaces == null || namespaces.isEmpty()) {
      throw new IllegalArgumentException("namespaces must list at least one namespace");
    }
    namespaces = List.copyOf(namespaces);
  }
}
