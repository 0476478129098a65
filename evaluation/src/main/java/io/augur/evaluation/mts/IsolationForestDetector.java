package io.augur.evaluation.mts;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import smile.anomaly.IsolationForest;
import smile.anomaly.IsolationTree;
import smile.math.MathEx;

/**
 * Smile's isolation forest over {@link TrailingFeatures} (level, deviation from the trailing mean
 * and trailing slope of each standardised metric). Trained on a machine's train rows; each tree
 * sees {@code sampleSize} rows, as in Liu et al. Reproducible by seed.
 */
public final class IsolationForestDetector implements MultivariateDetector {
  private final int trees;
  private final int sampleSize;
  private final int window;
  private final long seed;

  public IsolationForestDetector(int trees, int sampleSize, int window, long seed) {
    if (trees < 1) {
      throw new IllegalArgumentException("trees must be >= 1, got " + trees);
    }
    if (sampleSize < 2) {
      throw new IllegalArgumentException("sampleSize must be >= 2, got " + sampleSize);
    }
    this.trees = trees;
    this.sampleSize = sampleSize;
    this.window = window;
    this.seed = seed;
  }

  public IsolationForestDetector() {
    this(100, 256, 10, 42L);
  }

  /**
   * Grows the trees one after another on this thread, each on its own sample and seed: Smile's own
   * {@code fit} grows them in parallel from thread-local generators, which is not reproducible.
   */
  private IsolationForest grow(double[][] x) {
    int n = Math.min(sampleSize, x.length);
    int depth = (int) Math.ceil(Math.log(n) / Math.log(2));
    Random random = new Random(seed);
    IsolationTree[] grown = new IsolationTree[trees];
    synchronized (MathEx.class) {
      for (int t = 0; t < trees; t++) {
        MathEx.setSeed(random.nextLong());
        List<double[]> sample = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          sample.add(x[random.nextInt(x.length)]);
        }
        grown[t] = new IsolationTree(sample, depth, 0);
      }
    }
    return new IsolationForest(n, 0, grown);
  }

  @Override
  public String name() {
    return "iforest";
  }

  @Override
  public Fitted fit(double[][] train) {
    Standardiser standardiser = Standardiser.fit(train, ZScoreDetector.STD_FLOOR);
    TrailingFeatures features = new TrailingFeatures(standardiser, window);
    double[][] x = new double[train.length][];
    for (int i = 0; i < train.length; i++) {
      x[i] = features.next(train[i]);
    }
    IsolationForest forest = grow(x);
    return () -> {
      TrailingFeatures f = new TrailingFeatures(standardiser, window);
      return row -> forest.score(f.next(row));
    };
  }
}
