package io.augur.evaluation.mts;

import io.augur.evaluation.metrics.SeriesEvaluation;

/**
 * One detector on one machine: its figures, its timings and the per-row test scores with their
 * labels (kept for plots). {@code calibratedThreshold} came from the detector's own train scores.
 */
public record MachineResult(
    String detector,
    String machine,
    int metrics,
    int trainRows,
    SeriesEvaluation evaluation,
    double calibratedThreshold,
    long fitMillis,
    long scoreMillis,
    double[] scores,
    boolean[] labels) {
  public MachineResult {
    if (scores.length != labels.length || scores.length != evaluation.rows()) {
      throw new IllegalArgumentException(
          "scores and labels must have one entry per test row ("
              + evaluation.rows()
              + "), got "
              + scores.length
              + " and "
              + labels.length);
    }
  }

  /** Microseconds per scored test row. */
  public double microsPerRow() {
    return scoreMillis * 1000.0 / scores.length;
  }
}
