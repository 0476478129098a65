package io.augur.evaluation.univariate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.evaluation.detect.WindowedGaussianDetector;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectorRegistryTest {

  @Test
  void shouldShipBaselinesAndAugurDetectorByName() {
    DetectorRegistry r = DetectorRegistry.defaults();
    assertEquals(
        List.of(
            "null",
            "windowedGaussian",
            "randomCutForest",
            "augur-univariate",
            "augur-features",
            "augur-raw",
            "augur-iforest-raw",
            "augur-lstm-raw",
            "augur-rforest-raw",
            "augur-max-raw",
            "augur-sf-raw",
            "augur-iforest-sf-raw",
            "augur-lstm-sf-raw",
            "augur-rforest-sf-raw",
            "augur-max-sf-raw",
            "augur",
            "augur-iforest",
            "augur-lstm",
            "augur-rforest"),
        r.names());
    assertEquals(0.0, r.create("null").score(0, 1e9));
    assertTrue(r.create("windowedGaussian") instanceof WindowedGaussianDetector);
  }

  @Test
  void shouldMakeFreshDetectorPerSeries() {
    DetectorRegistry r = DetectorRegistry.defaults();
    assertNotSame(r.create("randomCutForest"), r.create("randomCutForest"));
  }

  @Test
  void shouldAddDetectorWithoutChangingOriginal() {
    DetectorRegistry base = DetectorRegistry.defaults();
    DetectorRegistry extended = base.register("constant", () -> (t, v) -> 0.5);
    assertEquals(0.5, extended.create("constant").score(0, 1.0));
    assertEquals(19, base.names().size());
  }

  @Test
  void shouldNameKnownDetectorsWhenAskedForUnknownOne() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> DetectorRegistry.defaults().create("htm"));
    assertTrue(
        e.getMessage().contains("htm") && e.getMessage().contains("windowedGaussian"),
        e.getMessage());
  }
}
