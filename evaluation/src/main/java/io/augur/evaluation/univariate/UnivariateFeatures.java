package io.augur.evaluation.univariate;

import com.amazon.randomcutforest.RandomCutForest;
import io.augur.domain.FeatureSchema;
import io.augur.evaluation.detect.WindowFeatures;
import java.util.List;

/**
 * The feature vector of each point of a univariate series, from a trailing buffer only (no
 * look-ahead):
 *
 * <ol>
 *   <li>{@code value}: the raw value (the models standardise it against the normal history they
 *       train on);
 *   <li>{@code level_z}, {@code shift_z}, {@code slope_z}, {@code sd_ratio}, {@code flat_share}:
 *       the scale-free window features of {@link WindowFeatures} (long window {@code clamp(T/3, 16,
 *       288)}, short {@code clamp(L/12, 3, 24)} for a training length T);
 *   <li>{@code step_z}: {@code log1p(|x - previous| / mean |step|)} over the long window: a jump
 *       against the series' usual step;
 *   <li>{@code rcf}: {@code log1p} of a Random Cut Forest's anomaly score (randomcutforest-core, 50
 *       trees, sample size 256, seeded; the point is scored before the forest learns it; 0 until
 *       the forest has 64 points).
 * </ol>
 *
 * Returns null until the windows are full ({@link #warmUp()} points). One instance per series, not
 * thread-safe.
 */
public final class UnivariateFeatures {

  /** The schema of the vectors with the raw value. */
  public static final FeatureSchema SCHEMA =
      new FeatureSchema(
          "augur-univariate",
          1,
          List.of(
              "value", "level_z", "shift_z", "slope_z", "sd_ratio", "flat_share", "step_z", "rcf"));

  /** The schema of the scale-free vectors: {@link #SCHEMA} without the raw value. */
  public static final FeatureSchema SCALE_FREE_SCHEMA =
      new FeatureSchema(
          "augur-univariate-scale-free",
          1,
          List.of("level_z", "shift_z", "slope_z", "sd_ratio", "flat_share", "step_z", "rcf"));

  /** Seed of each series' Random Cut Forest. */
  public static final long RCF_SEED = 42L;

  private final WindowFeatures window;
  private final RandomCutForest forest;
  private final float[] point = new float[1];
  private final double[] steps;
  private double stepSum;
  private int stepCount;
  private int stepNext;
  private double previous = Double.NaN;
  private final boolean rawValue;

  /**
   * With the raw value. @param trainingLength the points the detector trains on; it sizes the
   * windows
   */
  public UnivariateFeatures(int trainingLength) {
    this(trainingLength, true);
  }

  /**
   * @param trainingLength the points the detector trains on; it sizes the windows
   * @param rawValue whether the first feature is the raw value ({@link #SCHEMA}) or not ({@link
   *     #SCALE_FREE_SCHEMA})
   */
  public UnivariateFeatures(int trainingLength, boolean rawValue) {
    this.rawValue = rawValue;
    if (trainingLength < 1) {
      throw new IllegalArgumentException("trainingLength must be >= 1, got " + trainingLength);
    }
    this.window = WindowFeatures.forProbation(trainingLength);
    this.steps = new double[Math.max(16, Math.min(288, trainingLength / 3))];
    this.forest = RandomCutForest.builder().dimensions(1).randomSeed(RCF_SEED).build();
  }

  /** Points needed before {@link #add} returns a vector. */
  public int warmUp() {
    return window.warmUp();
  }

  /** Adds the next point; its features, or null while warming up. */
  public double[] add(double x) {
    if (!Double.isFinite(x)) {
      throw new IllegalArgumentException("x must be finite, got " + x);
    }
    point[0] = (float) x;
    double rcf = forest.getAnomalyScore(point);
    forest.update(point);
    double stepZ = 0;
    if (!Double.isNaN(previous)) {
      double step = Math.abs(x - previous);
      double usual = stepCount == 0 ? 0 : stepSum / stepCount;
      stepZ = Math.log1p(step / Math.max(usual, 1e-9 * Math.max(1.0, Math.abs(x))));
      stepZ = Math.min(stepZ, 30.0);
      if (stepCount == steps.length) {
        stepSum -= steps[stepNext];
      } else {
        stepCount++;
      }
      steps[stepNext] = step;
      stepSum += step;
      stepNext = (stepNext + 1) % steps.length;
    }
    previous = x;
    double[] w = window.add(x);
    if (w == null) {
      return null;
    }
    double r = Math.log1p(Math.max(0, rcf));
    return rawValue
        ? new double[] {x, w[0], w[1], w[2], w[3], w[4], stepZ, r}
        : new double[] {w[0], w[1], w[2], w[3], w[4], stepZ, r};
  }

  /** The schema of this instance's vectors. */
  public FeatureSchema schema() {
    return schema(rawValue);
  }

  /** {@link #SCHEMA} with the raw value, else {@link #SCALE_FREE_SCHEMA}. */
  public static FeatureSchema schema(boolean rawValue) {
    return rawValue ? SCHEMA : SCALE_FREE_SCHEMA;
  }

  /**
   * The feature rows of a whole series, streamed from its start: row i is null while warming up.
   */
  public static double[][] of(double[] series, int trainingLength, boolean rawValue) {
    UnivariateFeatures f = new UnivariateFeatures(trainingLength, rawValue);
    double[][] out = new double[series.length][];
    for (int i = 0; i < series.length; i++) {
      out[i] = f.add(series[i]);
    }
    return out;
  }
}
