package io.augur.training.mts;

import io.augur.domain.FeatureSchema;
import io.augur.domain.FeatureVector;
import io.augur.models.ComponentWindow;
import io.augur.models.LabelledWindow;
import io.augur.models.ProgressListener;
import io.augur.models.TrainingSet;
import io.augur.models.ensemble.Ensemble;
import io.augur.models.ensemble.EnsembleTrainer;
import io.augur.models.forest.RandomForestModel;
import io.augur.models.iforest.IsolationForestModel;
import io.augur.models.inject.FaultInjector;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Augur's model ensemble ({@code io.augur.models.ensemble}) on a multivariate series. The train rows
 * are standardised and cut into {@code chunks} pieces, each a "component"; every other piece gets
 * one synthetic fault ({@link FaultInjector}: spike, level shift, trend, variance change, flat line
 * or dropout on 1-3 metrics), which gives the labels the trainer needs; the whole train series is
 * also given as normal history. Test rows are scored one at a time: the ensemble's probability for
 * the window of the latest rows. No test label is read.
 */
public final class AugurEnsembleDetector implements MultivariateDetector {
  private static final long STEP_MS = 60_000L;
  private static final int HORIZON_STEPS = 30;

  private final String name;
  private final EnsembleTrainer.Config config;
  private final int chunks;
  private final long seed;

  public AugurEnsembleDetector(String name, EnsembleTrainer.Config config, int chunks, long seed) {
    if (name == null || !name.matches("[a-z0-9-]+")) {
      throw new IllegalArgumentException("name must be lower-case letters, digits and '-', got " + name);
    }
    if (config == null) {
      throw new IllegalArgumentException("config must not be null");
    }
    if (chunks < 6) {
      throw new IllegalArgumentException("chunks must be >= 6 (3 faulty, 3 normal for the trainer's split), got " + chunks);
    }
    this.name = name;
    this.config = config;
    this.chunks = chunks;
    this.seed = seed;
  }

  /** {@code augur-ensemble}: the trainer's default members (isolation forest, random forest, LSTM), 24 chunks, seed 42. */
  public static AugurEnsembleDetector standard() {
    return new AugurEnsembleDetector("augur-ensemble", EnsembleTrainer.Config.defaults(), 24, 42L);
  }

  /**
   * {@code augur-ensemble-forests}: isolation forest and random forest only. Scoring one row at a
   * time, the LSTM costs ~5-40 ms a row (train rows are scored too, for the calibrated threshold).
   */
  public static AugurEnsembleDetector forests() {
    return new AugurEnsembleDetector(
        "augur-ensemble-forests",
        EnsembleTrainer.Config.defaults().withMembers(Set.of(IsolationForestModel.NAME, RandomForestModel.NAME)),
        24,
        42L);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Fitted fit(double[][] train) {
    Standardiser standardiser = Standardiser.fit(train, ZScoreDetector.STD_FLOOR);
    FeatureSchema schema = schema(standardiser.metrics());
    int length = train.length / chunks;
    if (length < 40) {
      throw new IllegalArgumentException(
          "train must have at least " + 40 * chunks + " rows for " + chunks + " chunks, got " + train.length);
    }
    int steps = 10;
    FaultInjector injector = new FaultInjector(seed);
    List<LabelledWindow> labelled = new ArrayList<>();
    for (int c = 0; c < chunks; c++) {
      List<FeatureVector> piece = new ArrayList<>(length);
      for (int i = c * length; i < (c + 1) * length; i++) {
        piece.add(vector("chunk-" + c, i, schema, standardiser, train[i]));
      }
      if (c % 2 == 0) {
        labelled.addAll(FaultInjector.labelledWindows(injector.injectRandom(piece), steps, 2, HORIZON_STEPS, 4));
      } else {
        FaultInjector.windows(piece, steps, 4).forEach(w -> labelled.add(LabelledWindow.normal(w)));
      }
    }
    List<FeatureVector> whole = new ArrayList<>(train.length);
    for (int i = 0; i < train.length; i++) {
      whole.add(vector("train", i, schema, standardiser, train[i]));
    }
    List<ComponentWindow> normal = FaultInjector.windows(whole, steps, 5);
    Ensemble ensemble = new EnsembleTrainer(config).train(new TrainingSet(schema, labelled, normal), seed, ProgressListener.NONE);
    int keep = ensemble.windowSteps();
    return () -> {
      Deque<FeatureVector> recent = new ArrayDeque<>(keep);
      long[] index = {0};
      return row -> {
        if (recent.size() == keep) {
          recent.removeFirst();
        }
        recent.addLast(vector("test", index[0]++, schema, standardiser, row));
        return ensemble.probabilities(List.of(ComponentWindow.of(List.copyOf(recent))))[0];
      };
    };
  }

  private static FeatureSchema schema(int metrics) {
    List<String> names = new ArrayList<>(metrics);
    for (int j = 0; j < metrics; j++) {
      names.add("m" + j);
    }
    return new FeatureSchema("mts", 1, names);
  }

  private static FeatureVector vector(String component, long index, FeatureSchema schema, Standardiser s, double[] row) {
    double[] z = new double[row.length];
    for (int j = 0; j < row.length; j++) {
      z[j] = s.z(j, row[j]);
    }
    return new FeatureVector(component, Map.of(), (index + 1) * STEP_MS, schema, z);
  }
}
