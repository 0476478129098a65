package io.augur.evaluation.mts;

import java.util.ArrayList;
import java.util.List;

/**
 * A scaled-mean ensemble of this package's detectors (before the models module's ensemble was made
 * Augur's detector, see {@link EnsembleMtsDetector}, this was {@code augur}): members (by default
 * the isolation forest over trailing-window features and the z-score), each put on a common scale
 * by its own train scores ({@link ScoreScale}: 0 at the median, 1 at the 99th percentile),
 * averaged, then smoothed by a trailing mean over {@code smoothing} rows (causal: no look-ahead).
 */
public final class AugurMtsDetector implements MultivariateDetector {
  private final String name;
  private final List<MultivariateDetector> members;
  private final int smoothing;

  public AugurMtsDetector(String name, List<MultivariateDetector> members, int smoothing) {
    if (name == null || !name.matches("[a-z0-9-]+")) {
      throw new IllegalArgumentException(
          "name must be lower-case letters, digits and '-', got " + name);
    }
    if (members == null || members.isEmpty()) {
      throw new IllegalArgumentException("members must not be empty, got " + members);
    }
    if (smoothing < 1) {
      throw new IllegalArgumentException("smoothing must be >= 1, got " + smoothing);
    }
    this.name = name;
    this.members = List.copyOf(members);
    this.smoothing = smoothing;
  }

  /** {@code iforest-zscore}: isolation forest and z-score, smoothed over 3 rows. */
  public static AugurMtsDetector standard() {
    return new AugurMtsDetector(
        "iforest-zscore", List.of(new IsolationForestDetector(), new ZScoreDetector()), 3);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Fitted fit(double[][] train) {
    List<Fitted> fitted = new ArrayList<>();
    List<ScoreScale> scales = new ArrayList<>();
    for (MultivariateDetector m : members) {
      Fitted f = m.fit(train);
      RowScorer s = f.newScorer();
      double[] trainScores = new double[train.length];
      for (int i = 0; i < train.length; i++) {
        trainScores[i] = s.score(train[i]);
      }
      fitted.add(f);
      scales.add(ScoreScale.of(trainScores, 0.99));
    }
    return () -> {
      List<RowScorer> scorers = fitted.stream().map(Fitted::newScorer).toList();
      double[] recent = new double[smoothing];
      int[] seen = {0};
      return row -> {
        double sum = 0.0;
        for (int k = 0; k < scorers.size(); k++) {
          sum += scales.get(k).apply(scorers.get(k).score(row));
        }
        recent[seen[0] % smoothing] = sum / scorers.size();
        seen[0]++;
        int n = Math.min(seen[0], smoothing);
        double total = 0.0;
        for (int t = 0; t < n; t++) {
          total += recent[t];
        }
        return total / n;
      };
    };
  }
}
