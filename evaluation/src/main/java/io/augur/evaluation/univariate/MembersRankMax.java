package io.augur.evaluation.univariate;

import io.augur.evaluation.detect.HistoryRank;
import io.augur.evaluation.detect.RunningRank;
import io.augur.evaluation.detect.SeriesInfo;
import io.augur.evaluation.detect.StreamingDetector;
import io.augur.evaluation.univariate.EnsembleDetector.View;

/**
 * Augur's ensemble combined without labels: each member's probability is ranked among that member's
 * earlier scores on the same series ({@link RunningRank}), and the point scores the highest of the
 * three ranks. A point is as anomalous as the member that finds it most unusual for this series.
 * The stacked combination ({@link EnsembleDetector}, view {@code ENSEMBLE}) learns its weights from
 * injected faults; where real anomalies do not look like them (NAB), it trusts the wrong member.
 * This combination needs no labels, like the SMD/ASD evaluation's averaged members. It shares the
 * series' trained ensemble with the other views ({@link SeriesRuns}). Rows before the training
 * score 0; a rank needs {@link HistoryRank#MIN_HISTORY} earlier scores (0.5 before).
 */
public final class MembersRankMax implements StreamingDetector {

  private static final View[] MEMBERS = {View.ISOLATION_FOREST, View.LSTM, View.RANDOM_FOREST};

  private final EnsembleDetector ensemble;
  private final RunningRank[] ranks = new RunningRank[MEMBERS.length];

  /** Over the ensemble trained with {@code settings}, shared process-wide. */
  public MembersRankMax(EnsembleDetector.Settings settings) {
    this(new EnsembleDetector(settings, View.ENSEMBLE));
  }

  MembersRankMax(EnsembleDetector ensemble) {
    if (ensemble == null) {
      throw new IllegalArgumentException("ensemble must not be null");
    }
    this.ensemble = ensemble;
  }

  @Override
  public void start(SeriesInfo series) {
    ensemble.start(series);
    for (int m = 0; m < ranks.length; m++) {
      ranks[m] = new RunningRank();
    }
  }

  @Override
  public double score(long timestampMillis, double value) {
    double[] p = ensemble.probabilities(timestampMillis, value);
    if (p == null) {
      return 0.0;
    }
    double max = 0;
    for (int m = 0; m < MEMBERS.length; m++) {
      max = Math.max(max, ranks[m].rankThenAdd(p[MEMBERS[m].ordinal()], HistoryRank.MIN_HISTORY));
    }
    return max;
  }
}
