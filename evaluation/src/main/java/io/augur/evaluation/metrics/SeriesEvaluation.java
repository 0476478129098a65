package io.augur.evaluation.metrics;

/**
 * Every figure for one scored series.
 *
 * <ul>
 *   <li>{@code aucPr} (average precision) and {@code rocAuc}: threshold-free.
 *   <li>{@code bestF1}: point-wise, no point adjustment, at the threshold that maximises it (chosen
 *       with the labels: an upper bound, as in the literature); {@code eventsAtBest} and {@code
 *       leadAtBest} at that same threshold.
 *   <li>{@code calibrated}, {@code eventsAtCalibrated}, {@code leadAtCalibrated}: at a threshold
 *       fixed without test labels (by the caller, e.g. from the detector's scores on its own train
 *       data): what a deployment would see.
 *   <li>{@code pointAdjustedF1ForPapersOnly}: the best point-adjusted F1, only for comparison with
 *       papers that report it; it inflates results and is never Augur's headline figure.
 * </ul>
 */
public record SeriesEvaluation(
    int rows,
    long anomalousRows,
    double aucPr,
    double rocAuc,
    ThresholdF1 bestF1,
    EventMetrics eventsAtBest,
    LeadTimes leadAtBest,
    ThresholdF1 calibrated,
    EventMetrics eventsAtCalibrated,
    LeadTimes leadAtCalibrated,
    ThresholdF1 pointAdjustedF1ForPapersOnly) {

  /** Default look-back for early alarms when measuring lead time, in rows. */
  public static final int DEFAULT_EARLY_WINDOW = 10;

  public SeriesEvaluation {
    if (rows <= 0) {
      throw new IllegalArgumentException("rows must be > 0, got " + rows);
    }
    if (anomalousRows < 0 || anomalousRows > rows) {
      throw new IllegalArgumentException(
          "anomalousRows must be within [0, " + rows + "], got " + anomalousRows);
    }
  }

  public static SeriesEvaluation of(
      double[] scores, boolean[] labels, double calibratedThreshold, int earlyWindow) {
    if (Double.isNaN(calibratedThreshold)) {
      throw new IllegalArgumentException("calibratedThreshold must not be NaN");
    }
    ScoredLabels data = new ScoredLabels(scores, labels);
    ThresholdF1 best = PointMetrics.best(data);
    boolean[] bestAlarms = data.alarms(best.threshold());
    ThresholdF1 calibrated =
        new ThresholdF1(calibratedThreshold, PointMetrics.at(data, calibratedThreshold));
    boolean[] calibratedAlarms = data.alarms(calibratedThreshold);
    return new SeriesEvaluation(
        data.size(),
        data.positives(),
        RankingMetrics.averagePrecision(data),
        RankingMetrics.rocAuc(data),
        best,
        EventMetrics.of(labels, bestAlarms),
        LeadTimes.of(labels, bestAlarms, earlyWindow),
        calibrated,
        EventMetrics.of(labels, calibratedAlarms),
        LeadTimes.of(labels, calibratedAlarms, earlyWindow),
        PointMetrics.bestPointAdjusted(data));
  }
}
