package io.augur.evaluation.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SyntheticFaultsTest {

  private static double[] normal() {
    Random r = new Random(4);
    double[] v = new double[300];
    for (int i = 0; i < v.length; i++) {
      v[i] = 50 + r.nextGaussian();
    }
    return v;
  }

  @Test
  void shouldLeaveHistoryBeforeOnsetUntouchedAndChangeItAfter() {
    double[] clean = normal();
    for (SyntheticFaults.Kind kind : SyntheticFaults.Kind.values()) {
      double[] faulty = new SyntheticFaults(1).inject(clean, kind, 200);
      for (int i = 0; i < 200; i++) {
        assertEquals(clean[i], faulty[i], kind + " row " + i);
      }
      double diff = 0;
      for (int i = 200; i < 300; i++) {
        diff += Math.abs(faulty[i] - clean[i]);
      }
      assertTrue(diff > 10, kind + " changed the series after onset by " + diff);
    }
  }

  @Test
  void shouldFreezeFlatLineAndZeroDropout() {
    double[] clean = normal();
    double[] flat = new SyntheticFaults(2).inject(clean, SyntheticFaults.Kind.FLAT_LINE, 150);
    double[] dropout = new SyntheticFaults(2).inject(clean, SyntheticFaults.Kind.DROPOUT, 150);
    for (int i = 150; i < 300; i++) {
      assertEquals(clean[149], flat[i]);
      assertEquals(0.0, dropout[i]);
    }
  }

  @Test
  void shouldBeReproducibleBySeed() {
    double[] clean = normal();
    assertArrayEquals(
        new SyntheticFaults(9).inject(clean, SyntheticFaults.Kind.SPIKE, 100),
        new SyntheticFaults(9).inject(clean, SyntheticFaults.Kind.SPIKE, 100));
  }

  @Test
  void shouldRefuseOnsetOutsideSeries() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new SyntheticFaults(1).inject(normal(), SyntheticFaults.Kind.TREND, 300));
  }
}
