package io.augur.job.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.augur.domain.AlertPolicy;
import io.augur.domain.Severity;
import io.augur.models.bundle.ModelBundle;
import io.augur.models.ensemble.Ensemble;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Severity is decided by the job's alert policy, whatever thresholds the bundle was saved with. */
class BundleLoaderTest {
  private static final Path GOLDEN =
      Path.of(System.getProperty("augur.repo.root", ".."))
          .resolve("models/src/test/resources/golden-bundle-v1");

  @Test
  void shouldGradePredictionsWithTheJobsAlertThresholdsNotTheBundlesOwn() throws Exception {
    Ensemble saved = ModelBundle.load(GOLDEN);
    assertEquals(Severity.NONE, saved.config().severity(0.6), "the bundle's own rule: 0.6 is none");

    AlertPolicy policy = new AlertPolicy(0.5, 0.8, 0.1, 12, 16);
    Ensemble loaded = BundleLoader.ensembles(saved.schema(), policy).load(GOLDEN).model();
    for (double p : new double[] {0.3, 0.5, 0.6, 0.8, 0.85}) {
      assertEquals(
          policy.severity(p),
          loaded.config().severity(p),
          "the prediction's severity at p=" + p + " is the alert policy's");
    }
    assertEquals(Severity.MEDIUM, loaded.config().severity(0.6));
    assertEquals(Severity.HIGH, loaded.config().severity(0.85));
    assertEquals(saved.config().horizonMs(), loaded.config().horizonMs(), "only thresholds change");
  }
}
