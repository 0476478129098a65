package io.augur.models.ensemble;

import io.augur.domain.FeatureSchema;
import io.augur.models.ComponentWindow;
import io.augur.models.FailureModel;
import io.augur.models.LabelledWindow;
import io.augur.models.ProgressListener;
import io.augur.models.forest.RandomForestModel;
import io.augur.models.iforest.IsolationForestModel;
import io.augur.models.lstm.LstmModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Trains the configured members, uncalibrated, on one labelled part: the random forest and the LSTM
 * classifier on its windows (normal ones subsampled to the row cap, failing ones kept), the
 * isolation forest and the LSTM forecaster on its normal windows plus the unlabelled history, at
 * most {@code maxRows} rows for the forest and the LSTM. The trainer calls it once per
 * cross-fitting fold and once on all development data.
 */
final class MemberTrainer {

  private final EnsembleTrainer.Config config;

  MemberTrainer(EnsembleTrainer.Config config) {
    this.config = config;
  }

  /** The members, sorted by name. */
  List<FailureModel> train(
      FeatureSchema schema,
      List<LabelledWindow> part,
      List<ComponentWindow> history,
      LstmModel.Mode mode,
      int maxRows,
      long seed,
      ProgressListener progress) {
    List<LabelledWindow> capped = EnsembleTrainer.cap(part, maxRows, seed);
    List<ComponentWindow> normal = new ArrayList<>(history);
    part.stream().filter(l -> !l.failing()).forEach(l -> normal.add(l.window()));
    List<FailureModel> models = new ArrayList<>();
    if (config.members().contains(IsolationForestModel.NAME)) {
      progress.onProgress(IsolationForestModel.NAME, 0, 1);
      models.add(IsolationForestModel.train(schema, normal, config.iforest(), seed));
      progress.onProgress(IsolationForestModel.NAME, 1, 1);
    }
    if (config.members().contains(RandomForestModel.NAME)) {
      progress.onProgress(RandomForestModel.NAME, 0, 1);
      models.add(RandomForestModel.train(schema, capped, config.forest(), seed));
      progress.onProgress(RandomForestModel.NAME, 1, 1);
    }
    if (config.members().contains(LstmModel.NAME)) {
      LstmModel.Params p = config.lstm();
      // batches shrink with the row cap: a fold's LSTM takes as many steps per epoch as the final
      // one,
      // so it is trained as far and its scores spread alike (else its calibration under-states the
      // final's)
      int batch =
          Math.max(8, (int) Math.round(p.batchSize() * (double) maxRows / config.maxTrainRows()));
      p = new LstmModel.Params(mode, p.steps(), p.hidden(), p.epochs(), p.learningRate(), batch);
      models.add(
          mode == LstmModel.Mode.HORIZON
              ? LstmModel.trainClassifier(schema, capped, p, seed, progress)
              : LstmModel.trainForecaster(
                  schema, EnsembleTrainer.capWindows(normal, maxRows, seed), p, seed, progress));
    }
    models.sort(Comparator.comparing(FailureModel::name));
    return models;
  }
}
