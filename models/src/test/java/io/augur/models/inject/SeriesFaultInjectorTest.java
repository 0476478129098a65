package io.augur.models.inject;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeriesFaultInjectorTest {
  private static final int N = 240;
  private static final int ONSET = 120;
  private static final long STEP = 15_000;
  private static final long ONSET_MS = ONSET * STEP;

  private static RawSeries gauge(String name, double level, double noise, long seed) {
    Random r = new Random(seed);
    long[] t = new long[N];
    double[] v = new double[N];
    for (int i = 0; i < N; i++) {
      t[i] = i * STEP;
      v[i] = level + noise * r.nextGaussian();
    }
    return new RawSeries(name, Map.of("instance", "a"), t, v);
  }

  private static RawSeries counter() {
    Random r = new Random(5);
    long[] t = new long[N];
    double[] v = new double[N];
    for (int i = 1; i < N; i++) {
      t[i] = i * STEP;
      v[i] = v[i - 1] + 10 + r.nextGaussian();
    }
    return new RawSeries("requests_total", Map.of("instance", "a"), t, v);
  }

  private static final RawSeries G = gauge("load", 50, 1, 1);
  private static final RawSeries FLAT = gauge("idle", 0, 0, 2);

  private static double localSd(double[] v) {
    double[] local = Arrays.copyOfRange(v, ONSET - SeriesFaultInjector.LOCAL_POINTS, ONSET);
    return SeriesFaultInjector.sd(local, SeriesFaultInjector.mean(local));
  }

  private static double[] injected(FaultKind k, long seed) {
    return new SeriesFaultInjector(seed)
        .inject(List.of(G), Set.of(), k, ONSET_MS)
        .series()
        .get(0)
        .values();
  }

  @Test
  void shouldInjectTheSameFaultsForTheSameSeed() {
    for (FaultKind k : FaultKind.values()) {
      SeriesInjection a =
          new SeriesFaultInjector(9)
              .inject(List.of(G, counter()), Set.of("requests_total"), k, ONSET_MS);
      SeriesInjection b =
          new SeriesFaultInjector(9)
              .inject(List.of(G, counter()), Set.of("requests_total"), k, ONSET_MS);
      assertEquals(a, b, k.name());
    }
    assertNotEquals(
        Arrays.toString(injected(FaultKind.LEVEL_SHIFT, 9)),
        Arrays.toString(injected(FaultKind.LEVEL_SHIFT, 10)));
  }

  @Test
  void shouldLeaveEverySampleBeforeTheOnsetAndEveryConstantMetricAlone() {
    for (FaultKind k : FaultKind.values()) {
      for (long seed = 0; seed < 5; seed++) {
        SeriesInjection inj =
            new SeriesFaultInjector(seed).inject(List.of(G, FLAT), Set.of(), k, ONSET_MS);
        assertEquals(List.of("load"), inj.metrics(), k + ": only the varying metric is touched");
        assertEquals(FLAT, inj.series().get(1), k + " constant metric");
        assertArrayEquals(
            Arrays.copyOf(G.values(), ONSET),
            Arrays.copyOf(inj.series().get(0).values(), ONSET),
            k + " before onset");
      }
    }
  }

  @Test
  void shouldShapeEachKindAsNamed() {
    double sd = localSd(G.values());
    double[] spike = injected(FaultKind.SPIKE, 3);
    int spikes = 0;
    for (int i = ONSET; i < N; i++) {
      double dev = Math.abs(spike[i] - G.values()[i]);
      assertTrue(
          dev == 0 || (dev >= 5 * sd - 1e-9 && dev <= 8 * sd + 1e-9),
          "a spike is 5-8 sd or nothing, got " + dev / sd);
      spikes += dev > 0 ? 1 : 0;
    }
    assertTrue(spike[ONSET] != G.values()[ONSET], "the onset spikes");
    assertTrue(
        spikes > 0.2 * (N - ONSET) && spikes < 0.5 * (N - ONSET),
        "about one step in three spikes: " + spikes);

    double[] shift = injected(FaultKind.LEVEL_SHIFT, 3);
    double step = shift[ONSET] - G.values()[ONSET];
    assertTrue(
        Math.abs(step) >= 4 * sd && Math.abs(step) <= 6 * sd, "a 4-6 sd step, got " + step / sd);
    for (int i = ONSET; i < N; i++) {
      assertEquals(step, shift[i] - G.values()[i], 1e-9, "the step holds at " + i);
    }

    double[] trend = injected(FaultKind.TREND, 3);
    double first = trend[ONSET] - G.values()[ONSET];
    assertTrue(
        Math.abs(first) >= 0.3 * sd && Math.abs(first) <= 0.6 * sd,
        "0.3-0.6 sd per step, got " + first / sd);
    assertEquals(first * (N - ONSET), trend[N - 1] - G.values()[N - 1], 1e-6, "a straight ramp");

    double[] wide = injected(FaultKind.VARIANCE_CHANGE, 3);
    double after =
        SeriesFaultInjector.sd(
            Arrays.copyOfRange(wide, ONSET + 1, N),
            SeriesFaultInjector.mean(Arrays.copyOfRange(wide, ONSET + 1, N)));
    assertTrue(after >= 3 * sd, "spread grows 4-6 times: " + after / sd);
    assertEquals(
        SeriesFaultInjector.mean(Arrays.copyOfRange(G.values(), ONSET, N)),
        SeriesFaultInjector.mean(Arrays.copyOfRange(wide, ONSET + 1, N)),
        2 * sd,
        "around the same level");

    double[] flat = injected(FaultKind.FLAT_LINE, 3);
    for (int i = ONSET; i < N; i++) {
      assertEquals(
          G.values()[ONSET - 1], flat[i], 0.0, "frozen at the last value before the onset");
    }

    RawSeries gone =
        new SeriesFaultInjector(3)
            .inject(List.of(G), Set.of(), FaultKind.DROPOUT, ONSET_MS)
            .series()
            .get(0);
    assertEquals(ONSET, gone.size(), "no samples from the onset on");
  }

  @Test
  void shouldKeepACounterMonotoneAndShapeItsIncrease() {
    RawSeries c = counter();
    for (FaultKind k : FaultKind.values()) {
      RawSeries got =
          new SeriesFaultInjector(4)
              .inject(List.of(c), Set.of("requests_total"), k, ONSET_MS)
              .series()
              .get(0);
      for (int i = 1; i < got.size(); i++) {
        assertTrue(got.values()[i] >= got.values()[i - 1], k + " counter decreased at " + i);
      }
    }
    RawSeries stuck =
        new SeriesFaultInjector(4)
            .inject(List.of(c), Set.of("requests_total"), FaultKind.FLAT_LINE, ONSET_MS)
            .series()
            .get(0);
    assertEquals(
        c.values()[ONSET - 1], stuck.values()[N - 1], 0.0, "a flat-lined counter stops increasing");
    RawSeries trend =
        new SeriesFaultInjector(4)
            .inject(List.of(c), Set.of("requests_total"), FaultKind.TREND, ONSET_MS)
            .series()
            .get(0);
    double rateBefore = (c.values()[N - 1] - c.values()[ONSET - 1]) / (N - ONSET);
    double rateAfter = (trend.values()[N - 1] - trend.values()[N - 2]);
    assertTrue(
        Math.abs(rateAfter - (c.values()[N - 1] - c.values()[N - 2])) > 5,
        "the increase ramps: " + rateBefore + " -> " + rateAfter);
  }
}
