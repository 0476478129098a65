package io.augur.evaluation.mts;

import java.util.Random;

/**
 * 1-nearest-neighbour distance, the second baseline of the "Quo Vadis" study (ICML 2024): each
 * metric standardised with the train mean and deviation (floored at {@link
 * ZScoreDetector#STD_FLOOR}); each row scored by its Euclidean distance to the nearest standardised
 * train row. For speed the reference set is at most {@value #DEFAULT_MAX_REFERENCE} train rows
 * drawn uniformly without replacement (seed {@value #DEFAULT_SEED}); all train rows when there are
 * fewer. Exact brute-force search. Stateless across rows.
 *
 * <p>The label-free threshold is a quantile of the train rows' own scores, and a reference row
 * scores 0 against itself, so on a machine with at most {@value #DEFAULT_MAX_REFERENCE} train rows
 * that threshold is low (every train score 0); with more rows only the sampled share is at 0.
 */
public final class NearestNeighbourDetector implements MultivariateDetector {
  public static final int DEFAULT_MAX_REFERENCE = 5000;
  public static final long DEFAULT_SEED = 42L;

  private final int maxReference;
  private final long seed;

  public NearestNeighbourDetector(int maxReference, long seed) {
    if (maxReference < 1) {
      throw new IllegalArgumentException("maxReference must be >= 1, got " + maxReference);
    }
    this.maxReference = maxReference;
    this.seed = seed;
  }

  public NearestNeighbourDetector() {
    this(DEFAULT_MAX_REFERENCE, DEFAULT_SEED);
  }

  @Override
  public String name() {
    return "knn1";
  }

  @Override
  public Fitted fit(double[][] train) {
    Standardiser s = Standardiser.fit(train, ZScoreDetector.STD_FLOOR);
    int[] chosen = sample(train.length, maxReference, seed);
    double[][] reference = new double[chosen.length][];
    for (int i = 0; i < chosen.length; i++) {
      reference[i] = PcaDetector.standardise(s, train[chosen[i]]);
    }
    return () -> row -> Math.sqrt(nearestSquared(reference, PcaDetector.standardise(s, row)));
  }

  static double nearestSquared(double[][] reference, double[] x) {
    double best = Double.POSITIVE_INFINITY;
    for (double[] r : reference) {
      double sum = 0.0;
      for (int j = 0; j < x.length && sum < best; j++) {
        double e = x[j] - r[j];
        sum += e * e;
      }
      if (sum < best) {
        best = sum;
      }
    }
    return best;
  }

  /**
   * {@code min(n, max)} distinct indices of {@code 0..n-1}, ascending, by a partial Fisher-Yates
   * shuffle.
   */
  static int[] sample(int n, int max, long seed) {
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    if (n <= max) {
      return all;
    }
    Random random = new Random(seed);
    for (int i = 0; i < max; i++) {
      int j = i + random.nextInt(n - i);
      int t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    int[] out = java.util.Arrays.copyOf(all, max);
    java.util.Arrays.sort(out);
    return out;
  }
}
