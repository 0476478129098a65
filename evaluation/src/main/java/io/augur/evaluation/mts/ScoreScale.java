package io.augur.evaluation.mts;

import java.util.Arrays;

/**
 * Puts a member's scores on a common scale learnt from its scores on train rows: 0 at the train
 * median, 1 at the train {@code upper} quantile. Lets an ensemble average members whose raw scores
 * live on different scales.
 */
record ScoreScale(double median, double upper) {
  ScoreScale {
    if (!(upper > median)) {
      upper = median + 1e-9;
    }
  }

  static ScoreScale of(double[] trainScores, double upperQuantile) {
    double[] s = trainScores.clone();
    Arrays.sort(s);
    return new ScoreScale(
        s[s.length / 2], s[Math.min(s.length - 1, (int) Math.ceil(upperQuantile * s.length) - 1)]);
  }

  double apply(double score) {
    return (score - median) / (upper - median);
  }
}
