package io.augur.evaluation.mts;

import io.augur.domain.FeatureSchema;
import io.augur.domain.FeatureVector;
import io.augur.models.ComponentWindow;
import io.augur.models.LabelledWindow;
import io.augur.models.TrainingSet;
import io.augur.models.inject.FaultInjector;
import io.augur.models.inject.Injection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a machine's train rows into the models module's {@link TrainingSet}, with no label from the
 * dataset. Rows become {@link FeatureVector}s of per-metric z-scores (train mean and standard
 * deviation, deviation floored as the baseline floors it), one a minute. The rows are cut into
 * {@code chunks} pieces, each a "component"; every other piece gets one synthetic fault from {@link
 * FaultInjector} (spike, level shift, trend, variance change, flat line or dropout on 1-3 metrics),
 * which labels its windows; the other pieces give normal windows, and the whole series is given
 * again as normal history (what the isolation forest and the LSTM forecaster learn from). With
 * {@code spread > 0} each fault is also copied to the metrics correlated with its own at least that
 * much ({@link CorrelatedFaults}).
 */
final class EnsembleTrainingSet {
  static final long STEP_MS = 60_000L;

  /** Rows a labelled window holds (the models read at most the last 8). */
  static final int WINDOW_ROWS = 10;

  /** "Failing within the horizon": up to this many rows after an injected onset. */
  static final int HORIZON_ROWS = 30;

  /** Smallest chunk: a fault needs room before and after its onset. */
  static final int MIN_CHUNK_ROWS = 40;

  private EnsembleTrainingSet() {}

  static FeatureSchema schema(int metrics) {
    List<String> names = new ArrayList<>(metrics);
    for (int j = 0; j < metrics; j++) {
      names.add("m" + j);
    }
    return new FeatureSchema("mts", 1, names);
  }

  static FeatureVector vector(
      String component, long index, FeatureSchema schema, Standardiser s, double[] row) {
    if (row.length != schema.size()) {
      throw new IllegalArgumentException(
          "row must have " + schema.size() + " metrics, got " + row.length);
    }
    double[] z = new double[row.length];
    for (int j = 0; j < row.length; j++) {
      z[j] = s.z(j, row[j]);
    }
    return new FeatureVector(component, Map.of(), (index + 1) * STEP_MS, schema, z);
  }

  static List<FeatureVector> vectors(
      String component, double[][] rows, FeatureSchema schema, Standardiser s) {
    List<FeatureVector> out = new ArrayList<>(rows.length);
    for (int i = 0; i < rows.length; i++) {
      out.add(vector(component, i, schema, s, rows[i]));
    }
    return out;
  }

  /**
   * The labelled set: {@code chunks} pieces, fewer (but at least 6) when the train rows are too few
   * for pieces of {@value #MIN_CHUNK_ROWS} rows; {@code spread}: 0 for faults on 1-3 metrics only,
   * else the least |correlation| a metric needs to share a fault.
   */
  static TrainingSet build(
      double[][] train,
      Standardiser standardiser,
      FeatureSchema schema,
      int chunks,
      long seed,
      double spread) {
    CorrelatedFaults correlated =
        spread > 0 ? CorrelatedFaults.fit(train, standardiser, spread) : null;
    int pieces = Math.min(chunks, train.length / MIN_CHUNK_ROWS);
    if (pieces < 6) {
      throw new IllegalArgumentException(
          "train must have at least "
              + MIN_CHUNK_ROWS * 6
              + " rows (6 chunks of "
              + MIN_CHUNK_ROWS
              + "), got "
              + train.length);
    }
    chunks = pieces;
    int length = train.length / chunks;
    FaultInjector injector = new FaultInjector(seed);
    List<LabelledWindow> labelled = new ArrayList<>();
    for (int c = 0; c < chunks; c++) {
      List<FeatureVector> piece = new ArrayList<>(length);
      for (int i = c * length; i < (c + 1) * length; i++) {
        piece.add(vector("chunk-" + c, i, schema, standardiser, train[i]));
      }
      if (c % 2 == 0) {
        Injection injection = injector.injectRandom(piece);
        if (correlated != null) {
          injection = correlated.spread(injection, piece);
        }
        labelled.addAll(FaultInjector.labelledWindows(injection, WINDOW_ROWS, 2, HORIZON_ROWS, 4));
      } else {
        FaultInjector.windows(piece, WINDOW_ROWS, 4)
            .forEach(w -> labelled.add(LabelledWindow.normal(w)));
      }
    }
    // a window every 5 rows, denser on short series: Smile's isolation forest refuses to sample
    // all of its rows, which the models module asks of it below 256 normal windows
    int stride = Math.max(1, Math.min(5, train.length / 300));
    List<ComponentWindow> normal =
        FaultInjector.windows(vectors("train", train, schema, standardiser), WINDOW_ROWS, stride);
    return new TrainingSet(schema, labelled, normal);
  }
}
