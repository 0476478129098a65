package io.augur.models;

import io.augur.domain.FeatureSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A trained model that turns component windows into calibrated failure probabilities.
 *
 * <p>Implementations are immutable after training and safe to call from several threads at once.
 * They refuse windows of another feature schema. Batch scoring is the only scoring: the LSTM is far
 * cheaper per window in a batch.
 */
public interface FailureModel {

  /** A stable short name, e.g. {@code isolation-forest}; also the model's key in a bundle. */
  String name();

  FeatureSchema schema();

  /**
   * How many recent steps the model reads (1 when it reads only the latest vector and summaries).
   */
  int windowSteps();

  /**
   * One score per window, in order. Windows shorter than {@link #windowSteps()} are padded with
   * their oldest vector.
   */
  List<ModelScore> scoreBatch(List<ComponentWindow> windows);

  /** The model's raw scores before calibration, for fitting a calibration on held-out data. */
  double[] rawScores(List<ComponentWindow> windows);

  /** A copy of this model with {@code calibration} mapping raw score to probability. */
  FailureModel withCalibration(Calibration calibration);

  Calibration calibration();

  ModelInfo info();

  /** A copy of this model carrying {@code info} (validation metrics filled in by the trainer). */
  FailureModel withInfo(ModelInfo info);

  /** Writes the model's files into {@code dir} and returns their names, relative to {@code dir}. */
  List<String> writeTo(Path dir) throws IOException;
}
