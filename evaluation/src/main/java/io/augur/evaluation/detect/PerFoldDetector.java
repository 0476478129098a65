package io.augur.evaluation.detect;

import java.util.function.IntFunction;

/**
 * A detector whose setting depends on the series' fold ({@link Folds}): a cross-fitted detector,
 * scoring each file with the setting chosen on the other fold's files. The inner detector is made
 * in {@link #start}, from the name.
 */
public final class PerFoldDetector implements StreamingDetector {

  private final IntFunction<StreamingDetector> byFold;
  private StreamingDetector inner;

  /**
   * @param byFold makes the detector for fold 0 or 1
   */
  public PerFoldDetector(IntFunction<StreamingDetector> byFold) {
    if (byFold == null) {
      throw new IllegalArgumentException("byFold must not be null");
    }
    this.byFold = byFold;
  }

  @Override
  public void start(SeriesInfo series) {
    inner = byFold.apply(Folds.of(series.name()));
    inner.start(series);
  }

  @Override
  public double score(long timestampMillis, double value) {
    if (inner == null) {
      throw new IllegalStateException(
          "start(SeriesInfo) must be called first: the fold comes from the series name");
    }
    return inner.score(timestampMillis, value);
  }
}
