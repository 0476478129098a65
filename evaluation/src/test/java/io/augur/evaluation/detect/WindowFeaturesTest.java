package io.augur.evaluation.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class WindowFeaturesTest {

  private static double[] feed(WindowFeatures wf, double[] values) {
    double[] last = null;
    for (double v : values) {
      last = wf.add(v);
    }
    return last;
  }

  private static double[] noise(int n, long seed) {
    Random r = new Random(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = 100 + r.nextGaussian();
    }
    return v;
  }

  @Test
  void shouldReturnNothingUntilBufferIsFull() {
    WindowFeatures wf = new WindowFeatures(20, 5);
    for (int i = 0; i < wf.warmUp() - 1; i++) {
      assertNull(wf.add(i));
    }
    assertEquals(WindowFeatures.SIZE, wf.add(1.0).length);
  }

  @Test
  void shouldRaiseLevelFeatureForSpikeAndFlatShareForStuckSeries() {
    double[] quiet = noise(200, 1);
    double[] ordinary = feed(new WindowFeatures(100, 10), quiet);
    double[] spiked = quiet.clone();
    spiked[199] += 10;
    double[] spike = feed(new WindowFeatures(100, 10), spiked);
    assertTrue(spike[0] > ordinary[0] + 1, "level feature: " + spike[0] + " vs " + ordinary[0]);

    double[] stuck = quiet.clone();
    for (int i = 190; i < 200; i++) {
      stuck[i] = stuck[189];
    }
    double[] flat = feed(new WindowFeatures(100, 10), stuck);
    assertEquals(1.0, flat[4], 1e-12);
    assertTrue(flat[3] > ordinary[3], "a flat line changes the spread: " + flat[3]);
  }

  @Test
  void shouldBeScaleFree() {
    double[] a = noise(200, 2);
    double[] b = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      b[i] = a[i] * 1000 + 5;
    }
    double[] fa = feed(new WindowFeatures(100, 10), a);
    double[] fb = feed(new WindowFeatures(100, 10), b);
    for (int j = 0; j < WindowFeatures.SIZE; j++) {
      assertEquals(fa[j], fb[j], 1e-6, WindowFeatures.NAMES[j]);
    }
  }

  @Test
  void shouldRefuseShortWindowNotShorterThanLongWindow() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new WindowFeatures(10, 10));
    assertTrue(e.getMessage().contains("shortWindow"), e.getMessage());
  }
}
