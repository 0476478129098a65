package io.augur.models.iforest;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import smile.anomaly.IsolationForest;
import smile.anomaly.IsolationTree;
import smile.math.MathEx;
import smile.stat.distribution.GaussianDistribution;

/**
 * Grows a Smile isolation forest reproducibly: Smile grows each tree ({@code new IsolationTree}),
 * but one after another on the calling thread, each on its own sample drawn from a seeded generator
 * and with Smile's generator seeded for it. Smile's own {@code IsolationForest.fit} is not
 * reproducible: it grows the trees on the common fork-join pool, each from whatever state that
 * worker thread's generator is in. (It also ignores its sampling rate in 3.1.1: every tree sees all
 * rows. Here each tree sees {@code sampleSize} distinct rows, as in Liu et al.)
 *
 * <p>Two pieces of Smile state are global, so growth holds the lock on {@code MathEx.class} (as the
 * training module's detector does): the calling thread's generator, and the cached second value of
 * the Box-Muller pair in Smile's shared {@code GaussianDistribution} (which draws the split
 * slopes); that cache is cleared before growing, or a value left by earlier use would change the
 * first split.
 */
final class SeededGrowth {

  private static final Field GAUSSIAN_CACHE = gaussianCache();

  private SeededGrowth() {}

  /** The depth limit Liu et al. use: ceil(log2(sample size)). */
  static int depthLimit(int sampleSize) {
    return (int) Math.ceil(Math.log(sampleSize) / Math.log(2));
  }

  /**
   * Grows {@code trees} trees, each on {@code min(sampleSize, rows)} distinct rows of {@code x}
   * (extension level 0: axis-parallel splits).
   */
  static IsolationForest grow(double[][] x, int trees, int sampleSize, long seed) {
    if (x.length < 2) {
      throw new IllegalArgumentException("x must hold at least 2 rows, got " + x.length);
    }
    if (trees < 1) {
      throw new IllegalArgumentException("trees must be >= 1, got " + trees);
    }
    int n = Math.min(sampleSize, x.length);
    int depth = depthLimit(n);
    SplittableRandom random = new SplittableRandom(seed);
    int[] index = new int[x.length];
    IsolationTree[] grown = new IsolationTree[trees];
    synchronized (MathEx.class) {
      for (int t = 0; t < trees; t++) {
        long treeSeed = random.nextLong();
        List<double[]> sample = sample(x, n, random, index);
        clearGaussianCache();
        MathEx.setSeed(treeSeed);
        grown[t] = new IsolationTree(sample, depth, 0);
      }
    }
    return new IsolationForest(n, 0, grown);
  }

  /** {@code n} distinct rows, by a partial Fisher-Yates shuffle of the row indices. */
  private static List<double[]> sample(double[][] x, int n, SplittableRandom random, int[] index) {
    for (int i = 0; i < index.length; i++) {
      index[i] = i;
    }
    List<double[]> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int j = i + random.nextInt(index.length - i);
      int swap = index[i];
      index[i] = index[j];
      index[j] = swap;
      out.add(x[index[i]]);
    }
    return out;
  }

  private static void clearGaussianCache() {
    try {
      GAUSSIAN_CACHE.setDouble(GaussianDistribution.getInstance(), Double.NaN);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(
          "cannot reset Smile's Gaussian generator: " + e.getMessage(), e);
    }
  }

  private static Field gaussianCache() {
    try {
      Field f = GaussianDistribution.class.getDeclaredField("z1");
      f.setAccessible(true);
      return f;
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException(
          "cannot reach Smile's Gaussian cache (Smile 3.1.1 expected): " + e, e);
    }
  }
}
