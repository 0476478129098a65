package io.augur.evaluation.metrics;

/**
 * Counts of a binary decision against labels. Precision is 0 when nothing was predicted, recall 0
 * when nothing was labelled, F1 0 when both are 0.
 */
public record Confusion(
    long truePositives, long falsePositives, long falseNegatives, long trueNegatives) {
  public Confusion {
    requireNonNegative("truePositives", truePositives);
    requireNonNegative("falsePositives", falsePositives);
    requireNonNegative("falseNegatives", falseNegatives);
    requireNonNegative("trueNegatives", trueNegatives);
  }

  public double precision() {
    long predicted = truePositives + falsePositives;
    return predicted == 0 ? 0.0 : (double) truePositives / predicted;
  }

  public double recall() {
    long actual = truePositives + falseNegatives;
    return actual == 0 ? 0.0 : (double) truePositives / actual;
  }

  public double f1() {
    return f1(precision(), recall());
  }

  static double f1(double precision, double recall) {
    return precision + recall == 0.0 ? 0.0 : 2.0 * precision * recall / (precision + recall);
  }

  private static void requireNonNegative(String field, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(field + " must be >= 0, got " + value);
    }
  }
}
