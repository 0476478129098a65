package io.augur.models.ensemble;

import io.augur.domain.Checks;
import io.augur.domain.Severity;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the ensemble turns probabilities into predictions.
 *
 * @param mediumAt probability at or above which a prediction is MEDIUM (default 0.7)
 * @param highAbove probability above which it is HIGH (default 0.9)
 * @param topFeatures how many contributing features a prediction lists (default 5)
 * @param horizonMs the horizon H the models predict "failure within" (default 30 min)
 * @param limits configured failure limits per feature name: a value whose crossing means failure;
 *     they override limits learned from labelled failures. Positive keys cross upwards; to cross
 *     downwards prefix the name with {@code -} (e.g. {@code -free_bytes}).
 */
public record EnsembleConfig(
    double mediumAt,
    double highAbove,
    int topFeatures,
    long horizonMs,
    Map<String, Double> limits) {

  public EnsembleConfig {
    Checks.probability("mediumAt", mediumAt);
    Checks.probability("highAbove", highAbove);
    if (highAbove < mediumAt) {
      throw new IllegalArgumentException(
          "highAbove must be >= mediumAt=" + mediumAt + ", got " + highAbove);
    }
    if (topFeatures < 0 || topFeatures > 100) {
      throw new IllegalArgumentException("topFeatures must be within [0, 100], got " + topFeatures);
    }
    if (horizonMs < 1000) {
      throw new IllegalArgumentException("horizonMs must be >= 1000, got " + horizonMs);
    }
    limits = new TreeMap<>(Checks.noNullEntries("limits", limits == null ? Map.of() : limits));
    limits.forEach((k, v) -> Checks.finite("limits[" + k + "]", v));
  }

  public static EnsembleConfig defaults() {
    return new EnsembleConfig(
        Severity.DEFAULT_MEDIUM_AT, Severity.DEFAULT_HIGH_ABOVE, 5, 30 * 60_000L, Map.of());
  }

  public EnsembleConfig withThresholds(double medium, double high) {
    return new EnsembleConfig(medium, high, topFeatures, horizonMs, limits);
  }

  public EnsembleConfig withLimits(Map<String, Double> l) {
    return new EnsembleConfig(mediumAt, highAbove, topFeatures, horizonMs, l);
  }

  public EnsembleConfig withHorizonMs(long h) {
    return new EnsembleConfig(mediumAt, highAbove, topFeatures, h, limits);
  }

  public Severity severity(double probability) {
    return Severity.of(probability, mediumAt, highAbove);
  }
}
