package io.augur.evaluation.mts;

import io.augur.domain.FeatureSchema;
import io.augur.domain.FeatureVector;
import io.augur.models.ComponentWindow;
import io.augur.models.ProgressListener;
import io.augur.models.ensemble.Ensemble;
import io.augur.models.ensemble.EnsembleTrainer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The models module's {@link Ensemble} trained on one machine's train rows, with what scoring a
 * series of rows needs: the standardiser, and for every member the {@link ScoreScale} of its raw
 * scores over the train rows (0 at the median, 1 at the 0.99 quantile), learnt without labels.
 *
 * <p>A row's window is that row and the rows before it in its own series ({@link
 * Ensemble#windowSteps()} of them): scores are causal, whether a series is scored in batches
 * ({@link #raw}, {@link #stacked}) or window by window ({@link #rawOf}). Batch results are kept for
 * the last two series scored (a machine's train and test rows), so the ensemble, its stacked
 * probability and each member alone cost one pass.
 */
final class TrainedEnsemble {
  private static final int BATCH = 4096;
  private static final double SCALE_QUANTILE = 0.99;

  private final Ensemble ensemble;
  private final Standardiser standardiser;
  private final FeatureSchema schema;
  private final List<String> members;
  private final Map<String, ScoreScale> scales = new LinkedHashMap<>();
  private final Map<double[][], double[][]> rawMemo = new IdentityHashMap<>();
  private final Map<double[][], double[]> stackedMemo = new IdentityHashMap<>();
  private final long fitMillis;

  private TrainedEnsemble(
      Ensemble ensemble, Standardiser standardiser, FeatureSchema schema, long fitMillis) {
    this.ensemble = ensemble;
    this.standardiser = standardiser;
    this.schema = schema;
    this.members = List.copyOf(ensemble.members().keySet());
    this.fitMillis = fitMillis;
  }

  /**
   * Trains on {@code train} ([row][metric]) with faults injected by {@code seed}; reproducible up
   * to Smile's threading.
   */
  static TrainedEnsemble train(
      double[][] train, EnsembleTrainer.Config config, int chunks, long seed, double spread) {
    long t0 = System.nanoTime();
    Standardiser standardiser = Standardiser.fit(train, ZScoreDetector.STD_FLOOR);
    FeatureSchema schema = EnsembleTrainingSet.schema(standardiser.metrics());
    Ensemble ensemble =
        new EnsembleTrainer(config)
            .train(
                EnsembleTrainingSet.build(train, standardiser, schema, chunks, seed, spread),
                seed,
                ProgressListener.NONE);
    TrainedEnsemble t =
        new TrainedEnsemble(ensemble, standardiser, schema, (System.nanoTime() - t0) / 1_000_000);
    double[][] raw = t.raw(train);
    for (int m = 0; m < t.members.size(); m++) {
      t.scales.put(t.members.get(m), ScoreScale.of(raw[m], SCALE_QUANTILE));
    }
    return t;
  }

  Ensemble ensemble() {
    return ensemble;
  }

  /** Member names, sorted: the row order of {@link #raw}. */
  List<String> members() {
    return members;
  }

  ScoreScale scale(String member) {
    ScoreScale s = scales.get(member);
    if (s == null) {
      throw new IllegalArgumentException("member must be one of " + members + ", got " + member);
    }
    return s;
  }

  long fitMillis() {
    return fitMillis;
  }

  int windowSteps() {
    return ensemble.windowSteps();
  }

  FeatureVector vector(long index, double[] row) {
    return EnsembleTrainingSet.vector("series", index, schema, standardiser, row);
  }

  /** Each member's raw score for every row of {@code rows}: [member][row]. */
  synchronized double[][] raw(double[][] rows) {
    double[][] known = rawMemo.get(rows);
    if (known != null) {
      return known;
    }
    double[][] out = new double[members.size()][rows.length];
    forEachBatch(
        rows,
        (from, windows) -> {
          for (int m = 0; m < members.size(); m++) {
            double[] r = ensemble.members().get(members.get(m)).rawScores(windows);
            System.arraycopy(r, 0, out[m], from, r.length);
          }
        });
    remember(rawMemo, rows, out);
    return out;
  }

  /** The stacked, calibrated probability of the whole ensemble for every row. */
  synchronized double[] stacked(double[][] rows) {
    double[] known = stackedMemo.get(rows);
    if (known != null) {
      return known;
    }
    double[] out = new double[rows.length];
    forEachBatch(
        rows,
        (from, windows) -> {
          double[] p = ensemble.probabilities(windows);
          System.arraycopy(p, 0, out, from, p.length);
        });
    remember(stackedMemo, rows, out);
    return out;
  }

  /** Each member's raw score for one window (what a row-by-row scorer uses). */
  double[] rawOf(ComponentWindow window) {
    double[] out = new double[members.size()];
    for (int m = 0; m < members.size(); m++) {
      out[m] = ensemble.members().get(members.get(m)).rawScores(List.of(window))[0];
    }
    return out;
  }

  double stackedOf(ComponentWindow window) {
    return ensemble.probabilities(List.of(window))[0];
  }

  private interface BatchAction {
    void accept(int from, List<ComponentWindow> windows);
  }

  private void forEachBatch(double[][] rows, BatchAction action) {
    List<FeatureVector> vectors = new ArrayList<>(rows.length);
    for (int i = 0; i < rows.length; i++) {
      vectors.add(vector(i, rows[i]));
    }
    int keep = windowSteps();
    for (int from = 0; from < rows.length; from += BATCH) {
      int to = Math.min(rows.length, from + BATCH);
      List<ComponentWindow> windows = new ArrayList<>(to - from);
      for (int i = from; i < to; i++) {
        windows.add(ComponentWindow.of(vectors.subList(Math.max(0, i - keep + 1), i + 1)));
      }
      action.accept(from, windows);
    }
  }

  private static <V> void remember(Map<double[][], V> memo, double[][] rows, V value) {
    if (memo.size() >= 2) {
      memo.clear();
    }
    memo.put(rows, value);
  }
}
