package io.augur.evaluation.detect;

import io.augur.domain.Checks;

/**
 * Scores 1 when a value goes beyond everything the series has shown: above its highest value so far
 * or below its lowest by more than {@code tolerance} times the range between them (a new all-time
 * high or low, the check an operator makes first). Otherwise passes the inner detector's score
 * through. A model trained once on a series' first points cannot know that a value is new for the
 * series as a whole; this rule does, from the values alone. The range counts every value from the
 * first; the rule applies from row {@code min(probationary length, maxFrom)}, where a detector that
 * trains on its first points starts scoring (NAB's layout: Numenta's HTM detector applies the same
 * kind of rule, "spatial anomaly", with its own tolerance).
 */
public final class NewExtremeRule implements StreamingDetector {

  private final StreamingDetector inner;
  private final double tolerance;
  private final int maxFrom;
  private double low;
  private double high;
  private int from;
  private int row;

  /**
   * @param inner the detector whose scores are passed through
   * @param tolerance the margin beyond the range, as a share of the range (>= 0)
   * @param maxFrom the rule applies from row {@code min(series' probationary length, maxFrom)} on
   *     (>= 0)
   */
  public NewExtremeRule(StreamingDetector inner, double tolerance, int maxFrom) {
    if (!(tolerance >= 0 && tolerance < 100)) {
      throw new IllegalArgumentException("tolerance must be within [0, 100), got " + tolerance);
    }
    this.inner = Checks.nonNull("inner", inner);
    this.tolerance = tolerance;
    this.maxFrom = (int) Checks.nonNegative("maxFrom", maxFrom);
  }

  @Override
  public void start(SeriesInfo series) {
    inner.start(series);
    from = series.scoringStart(maxFrom);
    low = Double.POSITIVE_INFINITY;
    high = Double.NEGATIVE_INFINITY;
    row = 0;
  }

  @Override
  public double score(long timestampMillis, double value) {
    double s = inner.score(timestampMillis, value);
    boolean extreme = false;
    if (row++ >= from && low < high) {
      double margin = tolerance * (high - low);
      extreme = value > high + margin || value < low - margin;
    }
    low = Math.min(low, value);
    high = Math.max(high, value);
    return extreme ? 1.0 : s;
  }
}
