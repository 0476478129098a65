package io.augur.evaluation.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CompositeDetectorsTest {

  @Test
  void shouldPassOnlyScoresThatBeatRecentOnes() {
    EventSuppression s =
        new EventSuppression(Replay.of(0.2, 0.9, 0.8, 0.95, 0.1, 0.1, 0.7), 3, 0.5);
    double[] out = new double[7];
    for (int i = 0; i < out.length; i++) {
      out[i] = s.score(i, 0);
    }
    assertEquals(0.2, out[0]);
    assertEquals(0.9, out[1]);
    assertEquals(0.4, out[2], 1e-12, "0.8 right after 0.9 is the same event");
    assertEquals(0.95, out[3], "a new high passes");
    assertEquals(0.35, out[6], 1e-12, "0.95 is still within the last 3 scores");
  }

  @Test
  void shouldBlendWithNormalisedWeights() {
    BlendedDetector b =
        new BlendedDetector(List.of(Replay.of(1.0), Replay.of(0.0)), new double[] {3, 1});
    assertEquals(0.75, b.score(0, 0), 1e-12);
    assertThrows(
        IllegalArgumentException.class,
        () -> new BlendedDetector(List.of(Replay.of(1)), new double[] {1, 1}));
  }

  @Test
  void shouldLearnFromProbationAndFlagInjectedLevelShiftAfterIt() {
    Random r = new Random(8);
    int n = 2000;
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = 20 + 5 * Math.sin(2 * Math.PI * i / 100) + r.nextGaussian() + (i >= 1500 ? 12 : 0);
    }
    FeatureClassifierDetector d = new FeatureClassifierDetector();
    d.start(new SeriesInfo("synthetic", n, 300));
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      s[i] = d.score(i * 60_000L, v[i]);
    }
    assertEquals(0.0, s[100], "nothing before the classifier is trained");
    double ordinary = 0;
    for (int i = 1000; i < 1490; i++) {
      ordinary = Math.max(ordinary, s[i]);
    }
    double shift = 0;
    for (int i = 1500; i < 1510; i++) {
      shift = Math.max(shift, s[i]);
    }
    assertTrue(shift > ordinary, "level shift " + shift + " vs largest ordinary " + ordinary);
  }

  @Test
  void shouldScoreAugurUnivariateWithinUnitInterval() {
    Random r = new Random(9);
    AugurUnivariateDetector d = new AugurUnivariateDetector();
    d.start(new SeriesInfo("synthetic", 1500, 225));
    for (int i = 0; i < 1500; i++) {
      double s = d.score(i, r.nextGaussian() + (i == 1200 ? 15 : 0));
      assertTrue(s >= 0 && s <= 1, "row " + i + ": " + s);
    }
  }
}
