package io.augur.job.reload;

import io.augur.domain.AlertPolicy;
import io.augur.domain.FeatureSchema;
import io.augur.models.bundle.ModelBundle;
import io.augur.models.ensemble.Ensemble;
import java.io.Serializable;
import java.nio.file.Path;

/** Loads and validates a model bundle directory; throws, naming the problem, when it is bad. */
@FunctionalInterface
public interface BundleLoader<M> extends Serializable {

  /** A loaded model and the version it declares. */
  record Loaded<M>(M model, String version) {}

  Loaded<M> load(Path dir) throws Exception;

  /**
   * Augur's ensembles via {@link ModelBundle}: manifest, checksums, schema hash against {@code
   * expected}, every model. The severity thresholds are the job's {@code alerts} policy, not the
   * ones the bundle was saved with, so a prediction's severity (and the failure mode, actions and
   * failure time explained for it) is decided by the same rule as the alert it raises.
   */
  static BundleLoader<Ensemble> ensembles(FeatureSchema expected, AlertPolicy severity) {
    return dir -> {
      Ensemble e = ModelBundle.load(dir, expected);
      return new Loaded<>(
          e.withConfig(e.config().withThresholds(severity.mediumAt(), severity.highAbove())),
          ModelBundle.manifest(dir).bundleVersion());
    };
  }
}
