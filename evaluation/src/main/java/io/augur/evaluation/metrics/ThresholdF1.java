package io.augur.evaluation.metrics;

/** A threshold and the counts it yields; rows scoring {@code >=} the threshold are alarms. */
public record ThresholdF1(double threshold, Confusion confusion) {
  public ThresholdF1 {
    if (Double.isNaN(threshold)) {
      throw new IllegalArgumentException("threshold must not be NaN");
    }
    if (confusion == null) {
      throw new IllegalArgumentException("confusion must not be null");
    }
  }

  public double precision() {
    return confusion.precision();
  }

  public double recall() {
    return confusion.recall();
  }

  public double f1() {
    return confusion.f1();
  }
}
