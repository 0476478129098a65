package io.augur.evaluation.detect;

import com.amazon.randomcutforest.RandomCutForest;

/**
 * Random Cut Forest from the open-source Java library (randomcutforest-core) with its documented
 * streaming defaults: 50 trees, sample size 256, shingle size 1, default time decay, output after a
 * quarter of the sample size. Each point is scored before the forest is updated with it; the raw
 * score {@code s >= 0} is mapped to {@code s / (1 + s)} in [0, 1), which keeps its order. Seeded,
 * so a run is reproducible.
 */
public final class RandomCutForestDetector implements StreamingDetector {

  /** The seed every per-series forest starts from. */
  public static final long DEFAULT_SEED = 42L;

  private final RandomCutForest forest;
  private final float[] point = new float[1];

  public RandomCutForestDetector() {
    this(DEFAULT_SEED);
  }

  public RandomCutForestDetector(long seed) {
    this.forest = RandomCutForest.builder().dimensions(1).randomSeed(seed).build();
  }

  @Override
  public double score(long timestampMillis, double value) {
    point[0] = (float) value;
    double raw = forest.getAnomalyScore(point);
    forest.update(point);
    return raw / (1.0 + raw);
  }
}
