package io.augur.evaluation.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RandomCutForestDetectorTest {

  private static double[] run(StreamingDetector d, double[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = d.score(i * 60_000L, values[i]);
    }
    return out;
  }

  private static double[] noisyWithSpikeAt(int spike) {
    Random r = new Random(3);
    double[] v = new double[1000];
    for (int i = 0; i < v.length; i++) {
      v[i] = 10 + r.nextGaussian();
    }
    v[spike] = 30;
    return v;
  }

  @Test
  void shouldScoreSpikeFarAboveOrdinaryPoints() {
    double[] scores = run(new RandomCutForestDetector(), noisyWithSpikeAt(800));
    double typical = 0;
    for (int i = 700; i < 800; i++) {
      typical = Math.max(typical, scores[i]);
    }
    assertTrue(scores[800] > typical, "spike " + scores[800] + " vs largest ordinary " + typical);
    for (double s : scores) {
      assertTrue(s >= 0 && s < 1, "score in [0, 1): " + s);
    }
  }

  @Test
  void shouldScoreZeroUntilForestHasEnoughPoints() {
    double[] scores = run(new RandomCutForestDetector(), noisyWithSpikeAt(800));
    assertEquals(0.0, scores[0]);
    assertEquals(0.0, scores[10]);
    assertTrue(scores[500] > 0);
  }

  @Test
  void shouldBeReproducibleForTheSameSeed() {
    double[] values = noisyWithSpikeAt(800);
    double[] a = run(new RandomCutForestDetector(7), values);
    double[] b = run(new RandomCutForestDetector(7), values);
    assertEquals(a.length, b.length);
    for (int i = 0; i < a.length; i++) {
      assertEquals(a[i], b[i], "row " + i);
    }
  }
}
