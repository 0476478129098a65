package io.augur.job.reload;

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
   * expected}, every model.
   */
  static BundleLoader<Ensemble> ensembles(FeatureSchema expected) {
    return dir ->
        new Loaded<>(ModelBundle.load(dir, expected), ModelBundle.manifest(dir).bundleVersion());
  }
}
