package io.augur.evaluation.detect;

/**
 * A univariate streaming anomaly detector. It sees one {@code (timestamp, value)} at a time, in
 * order, and returns an anomaly score in [0, 1] for that point using only the points before it and
 * the point itself; it may then learn from the point. One instance serves one series: create a
 * fresh one per series (see {@link io.augur.evaluation.univariate.DetectorRegistry}).
 */
public interface StreamingDetector {

  /** Called once, before the first point. The default ignores it. */
  default void start(SeriesInfo series) {}

  /**
   * Scores the next point.
   *
   * @param timestampMillis the point's time, epoch milliseconds, non-decreasing
   * @param value the point's value, finite
   * @return anomaly score in [0, 1], higher means more anomalous
   */
  double score(long timestampMillis, double value);
}
