package io.augur.features;

import static io.augur.features.Samples.f;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.domain.FeatureVector;
import io.augur.domain.MetricSample;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Invariants over many seeded messy streams (all vectors are finite by FeatureVector's contract).
 */
class FeatureInvariantsTest {
  private static final int STREAMS = 150;
  private final FeatureConfig cfg = RandomStreams.config();

  @Test
  void shouldKeepEveryFeatureFiniteOrderedAndWithinItsBounds() {
    for (long seed = 1; seed <= STREAMS; seed++) {
      ComponentFeatureExtractor e = RandomStreams.extractor(cfg);
      List<MetricSample> accepted = new ArrayList<>();
      List<FeatureVector> out = new ArrayList<>();
      for (MetricSample s : RandomStreams.stream(seed, cfg, 300)) {
        if (e.offer(s).accepted()) {
          accepted.add(s);
        }
        out.addAll(e.advanceTo(RandomStreams.watermarkAfter(s, cfg)));
        assertBoundedState(e);
      }
      out.addAll(e.advanceTo(Long.MAX_VALUE));
      assertEquals(0, e.stats().clampedValues(), "seed " + seed);
      long previous = Long.MIN_VALUE;
      for (FeatureVector v : out) {
        assertTrue(
            v.timestampMs() > previous && v.timestampMs() % cfg.stepMs() == 0, "seed " + seed);
        previous = v.timestampMs();
        for (String m : cfg.metrics()) {
          assertOrdered(v, m, seed);
        }
        assertTrue(
            f(v, "c_total", SeriesFeature.RATE) >= 0, "rate must not be negative, seed " + seed);
        assertMatchesBruteForceWindow(v, accepted, seed);
      }
    }
  }

  private void assertBoundedState(ComponentFeatureExtractor e) {
    for (SeriesWindow w : e.store().all()) {
      assertEquals(cfg.ringCapacity(), w.capacity());
      assertTrue(w.estimatedBytes() <= 1024, "state per series " + w.estimatedBytes() + " B");
    }
  }

  private void assertOrdered(FeatureVector v, String m, long seed) {
    double tol = 1e-6 * (1 + Math.abs(f(v, m, SeriesFeature.MAX)));
    String where = m + " @" + v.timestampMs() + " seed " + seed;
    double missing = f(v, m, SeriesFeature.MISSING_RATIO);
    assertTrue(missing >= 0 && missing <= 1, where);
    double stale = f(v, m, SeriesFeature.STALENESS);
    assertTrue(stale >= 0 && stale <= cfg.seriesTtlMs() / 1000.0, where);
    assertTrue(f(v, m, SeriesFeature.STD) >= 0, where);
    double min = f(v, m, SeriesFeature.MIN);
    double max = f(v, m, SeriesFeature.MAX);
    assertTrue(
        min <= f(v, m, SeriesFeature.MEAN) + tol && f(v, m, SeriesFeature.MEAN) <= max + tol,
        where);
    assertTrue(min <= f(v, m, SeriesFeature.P50) + tol, where);
    assertTrue(f(v, m, SeriesFeature.P50) <= f(v, m, SeriesFeature.P90) + tol, where);
    assertTrue(f(v, m, SeriesFeature.P90) <= f(v, m, SeriesFeature.P99) + tol, where);
    assertTrue(f(v, m, SeriesFeature.P99) <= max + tol, where);
  }

  /**
   * Gauge h (one series): its window holds exactly the latest accepted sample of each step in (T -
   * window, T].
   */
  private void assertMatchesBruteForceWindow(
      FeatureVector v, List<MetricSample> accepted, long seed) {
    long end = v.timestampMs();
    int w = cfg.windowPoints();
    double[] latestValue = new double[w];
    long[] latestTs = new long[w];
    java.util.Arrays.fill(latestTs, Long.MIN_VALUE);
    for (MetricSample s : accepted) {
      if (!s.metric().equals("h")
          || s.timestampMs() <= end - cfg.windowMs()
          || s.timestampMs() > end) {
        continue;
      }
      int slot = (int) (cfg.stepOf(s.timestampMs()) - cfg.stepOf(end) + w - 1);
      if (s.timestampMs() > latestTs[slot]) {
        latestTs[slot] = s.timestampMs();
        latestValue[slot] = s.value();
      }
    }
    int n = 0;
    double max = Double.NEGATIVE_INFINITY;
    double last = 0;
    for (int i = 0; i < w; i++) {
      if (latestTs[i] != Long.MIN_VALUE && !MetricSample.isStaleMarker(latestValue[i])) {
        n++;
        max = Math.max(max, latestValue[i]);
        last = latestValue[i];
      }
    }
    String where = "h @" + end + " seed " + seed;
    assertEquals(1.0 - (double) n / w, f(v, "h", SeriesFeature.MISSING_RATIO), 1e-12, where);
    if (n > 0) {
      assertEquals(max, f(v, "h", SeriesFeature.MAX), 0.0, where);
      assertEquals(last, f(v, "h", SeriesFeature.LAST), 0.0, where);
    }
  }
}
