package io.augur.evaluation.mts;

/**
 * A detector for multivariate series. {@link #fit} learns from a machine's train rows (no labels);
 * each {@link Fitted#newScorer()} then scores one series, given the rows one at a time, in order,
 * answering each before seeing the next; no scorer ever sees a label. Higher scores mean more
 * anomalous. Implementations are reusable: every {@code fit} starts afresh.
 */
public interface MultivariateDetector {
  /** A short, file-name-safe name, e.g. {@code zscore}; used as the output folder. */
  String name();

  /** Learns from {@code train} ([row][metric]). */
  Fitted fit(double[][] train);

  /** A model learnt from one machine's train rows. */
  interface Fitted {
    /** A scorer in its initial state (no rows seen yet). */
    RowScorer newScorer();

    /**
     * The scores a fresh {@link #newScorer()} would give {@code rows}, in order: score {@code i}
     * depends on rows {@code 0..i} only. Detectors that score faster in batches (the ensemble)
     * override this with the same causal result; the default feeds a new scorer row by row.
     */
    default double[] scoreSeries(double[][] rows) {
      RowScorer scorer = newScorer();
      double[] scores = new double[rows.length];
      for (int i = 0; i < rows.length; i++) {
        scores[i] = scorer.score(rows[i].clone());
      }
      return scores;
    }
  }

  /** Scores one series, row after row; may keep state from earlier rows (never from later ones). */
  interface RowScorer {
    double score(double[] row);
  }
}
