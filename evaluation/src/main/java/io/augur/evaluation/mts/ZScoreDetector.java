package io.augur.evaluation.mts;

/**
 * The baseline of issue 5: each row's largest |z-score| across metrics, against the train mean and
 * standard deviation of each metric, the deviation floored at {@value #STD_FLOOR}.
 */
public final class ZScoreDetector implements MultivariateDetector {
  public static final double STD_FLOOR = 0.01;

  @Override
  public String name() {
    return "zscore";
  }

  @Override
  public Fitted fit(double[][] train) {
    Standardiser s = Standardiser.fit(train, STD_FLOOR);
    return () ->
        row -> {
          double max = 0.0;
          for (int j = 0; j < row.length; j++) {
            max = Math.max(max, Math.abs(s.z(j, row[j])));
          }
          return max;
        };
  }
}
