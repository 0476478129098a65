package io.augur.models;

import io.augur.models.ensemble.Ensemble;
import io.augur.models.ensemble.EnsembleConfig;
import io.augur.models.ensemble.EnsembleTrainer;
import io.augur.models.forest.RandomForestModel;
import io.augur.models.iforest.IsolationForestModel;
import io.augur.models.lstm.LstmModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One ensemble trained on seeded synthetic data, shared by the test classes of this JVM (training
 * is the slow part), and an independent test set from another seed.
 */
public final class TrainedFixture {

  public static final long SEED = 42;

  /**
   * Components of the held-out test set. Calibration is judged per probability bucket, and the
   * middle buckets hold windows of few components (a failure passes through them in a few steps):
   * 240 components put about 60 in each, enough for a tolerance of about 0.2 there.
   */
  public static final int TEST_COMPONENTS = 240;

  public static final List<String> STAGES = new ArrayList<>();
  private static Ensemble ensemble;
  private static TrainingSet testSet;

  private TrainedFixture() {}

  /** Small members: the whole module's tests stay within a few minutes on two busy cores. */
  public static EnsembleTrainer.Config config() {
    return new EnsembleTrainer.Config(
        Set.of(IsolationForestModel.NAME, RandomForestModel.NAME, LstmModel.NAME),
        new IsolationForestModel.Params(50, 256, SyntheticData.STEPS),
        new RandomForestModel.Params(20, 6, 0.5, SyntheticData.STEPS),
        new LstmModel.Params(LstmModel.Mode.HORIZON, SyntheticData.STEPS, 12, 10, 0.01, 128),
        null,
        1500,
        EnsembleConfig.defaults());
  }

  public static synchronized TrainingSet trainingSet() {
    return SyntheticData.set(SEED, 100, 160, 4);
  }

  public static synchronized Ensemble ensemble() {
    if (ensemble == null) {
      ensemble =
          new EnsembleTrainer(config())
              .train(
                  trainingSet(),
                  SEED,
                  (stage, done, total) -> {
                    synchronized (STAGES) {
                      STAGES.add(stage + " " + done + "/" + total);
                    }
                  });
    }
    return ensemble;
  }

  public static synchronized TrainingSet testSet() {
    if (testSet == null) {
      testSet = SyntheticData.set(SEED + 1000, TEST_COMPONENTS, 160, 0);
    }
    return testSet;
  }
}
