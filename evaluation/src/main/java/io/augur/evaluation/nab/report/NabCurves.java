package io.augur.evaluation.nab.report;

import io.augur.evaluation.metrics.CurvePoint;
import io.augur.evaluation.metrics.RankingMetrics;
import io.augur.evaluation.metrics.ScoredLabels;
import io.augur.evaluation.nab.DetectorScores;
import io.augur.evaluation.nab.NabCorpus;
import io.augur.evaluation.nab.NabDataFile;
import java.util.List;

/**
 * Threshold-free view of a detector on NAB, beside NAB's own score: every scored row of the corpus
 * pooled (rows from {@link NabDataFile#scoredFrom()} on; NAB's threshold is corpus-wide, so its
 * scores are meant to be comparable across files), labelled positive inside a labelled window.
 * Gives ROC and precision-recall curves and their areas. Point-wise: unlike NAB it rewards every
 * row of a window, not the earliest detection.
 *
 * @param detector detector name
 * @param rows rows pooled
 * @param positives rows inside windows
 * @param rocAuc area under the ROC curve
 * @param averagePrecision area under the precision-recall curve (average precision)
 * @param roc ROC points (x false-positive rate, y true-positive rate), highest threshold first
 * @param pr precision-recall points (x recall, y precision), highest threshold first
 */
public record NabCurves(
    String detector,
    int rows,
    long positives,
    double rocAuc,
    double averagePrecision,
    List<CurvePoint> roc,
    List<CurvePoint> pr) {

  /** Points kept per curve. */
  public static final int MAX_POINTS = 200;

  public NabCurves {
    roc = List.copyOf(roc);
    pr = List.copyOf(pr);
  }

  /** The curves of {@code scores} over {@code corpus}. */
  public static NabCurves of(NabCorpus corpus, DetectorScores scores) {
    int n = 0;
    for (NabDataFile f : corpus.files()) {
      n += f.rows() - f.scoredFrom();
    }
    double[] s = new double[n];
    boolean[] y = new boolean[n];
    int k = 0;
    for (NabDataFile f : corpus.files()) {
      double[] fs = scores.scores(f.relativePath());
      int[] labels = f.labels();
      for (int i = f.scoredFrom(); i < f.rows(); i++) {
        s[k] = fs[i];
        y[k++] = labels[i] == 1;
      }
    }
    ScoredLabels data = new ScoredLabels(s, y);
    return new NabCurves(
        scores.detector(),
        n,
        data.positives(),
        RankingMetrics.rocAuc(data),
        RankingMetrics.averagePrecision(data),
        RankingMetrics.rocCurve(data, MAX_POINTS),
        RankingMetrics.precisionRecallCurve(data, MAX_POINTS));
  }
}
