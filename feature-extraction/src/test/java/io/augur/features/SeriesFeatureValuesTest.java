package io.augur.features;

import static io.augur.features.Samples.at;
import static io.augur.features.Samples.f;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.augur.domain.FeatureVector;
import io.augur.domain.MetricSample;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each feature against values worked out by hand from its documented formula. */
class SeriesFeatureValuesTest {
  private static final double EPS = 1e-9;
  private final FeatureConfig cfg = Samples.smallConfig();

  private FeatureVector vectorAt(long step, MetricSample... samples) {
    ComponentFeatureExtractor e = Samples.extractor(cfg);
    for (MetricSample s : samples) {
      e.offer(s);
    }
    List<FeatureVector> out = e.advanceTo(step * Samples.STEP);
    return out.get(out.size() - 1);
  }

  @Test
  void shouldComputeGaugeWindowStatisticsByHand() {
    FeatureVector v = vectorAt(4, at("g", 1, 2), at("g", 2, 4), at("g", 3, 4), at("g", 4, 6));
    assertEquals(60_000, v.timestampMs());
    assertEquals(6, f(v, "g", SeriesFeature.LAST), EPS);
    assertEquals(4, f(v, "g", SeriesFeature.MEAN), EPS);
    assertEquals(Math.sqrt(2), f(v, "g", SeriesFeature.STD), EPS);
    assertEquals(2, f(v, "g", SeriesFeature.MIN), EPS);
    assertEquals(6, f(v, "g", SeriesFeature.MAX), EPS);
    // times -45,-30,-15,0 s: sxy = 90, sxx = 1125
    assertEquals(90.0 / 1125, f(v, "g", SeriesFeature.SLOPE), EPS);
    assertEquals(Math.sqrt(2), f(v, "g", SeriesFeature.ZSCORE), EPS);
    assertEquals(2.0, f(v, "g", SeriesFeature.PCT_CHANGE), EPS);
    // sorted 2,4,4,6: h = q * 3
    assertEquals(4.0, f(v, "g", SeriesFeature.P50), EPS);
    assertEquals(5.4, f(v, "g", SeriesFeature.P90), EPS);
    assertEquals(5.94, f(v, "g", SeriesFeature.P99), EPS);
    assertEquals(0.0, f(v, "g", SeriesFeature.MISSING_RATIO), EPS);
    assertEquals(0.0, f(v, "g", SeriesFeature.STALENESS), EPS);
    // a = 0.4: 2 -> 2.8 -> 3.28 -> 4.368
    assertEquals(4.368, f(v, "g", SeriesFeature.EWMA_FAST), EPS);
    double a = 2.0 / 21;
    double slow = 2;
    for (double x : new double[] {4, 4, 6}) {
      slow = slow + a * (x - slow);
    }
    assertEquals(slow, f(v, "g", SeriesFeature.EWMA_SLOW), EPS);
    // Holt a=0.5 b=0.2: level/trend 2/0 -> 3/0.2 -> 3.6/0.28; forecast for step 4 is 3.88
    assertEquals(6 - 3.88, f(v, "g", SeriesFeature.HOLT_RESIDUAL), EPS);
  }

  @Test
  void shouldTreatAGapAsMissingAndBridgeItInSlopeAndHolt() {
    FeatureVector v = vectorAt(4, at("g", 1, 2), at("g", 2, 4), at("g", 4, 6));
    assertEquals(0.25, f(v, "g", SeriesFeature.MISSING_RATIO), EPS);
    assertEquals(4, f(v, "g", SeriesFeature.MEAN), EPS);
    // times -45,-30,0: sxy = 90, sxx = 1050
    assertEquals(90.0 / 1050, f(v, "g", SeriesFeature.SLOPE), EPS);
    // after step 2: level 3, trend 0.2; two steps ahead: 3.4
    assertEquals(2.6, f(v, "g", SeriesFeature.HOLT_RESIDUAL), EPS);

    FeatureVector later = vectorAt(5, at("g", 1, 2), at("g", 2, 4), at("g", 4, 6));
    assertEquals(0.5, f(later, "g", SeriesFeature.MISSING_RATIO), EPS);
    assertEquals(15.0, f(later, "g", SeriesFeature.STALENESS), EPS);
    assertEquals(6, f(later, "g", SeriesFeature.LAST), EPS);
  }

  @Test
  void shouldComputeCounterRatesAcrossAResetLikePrometheus() {
    FeatureVector v =
        vectorAt(
            4,
            at("c_total", 1, 100),
            at("c_total", 2, 130),
            at("c_total", 3, 10),
            at("c_total", 4, 40));
    // increases 30, 10 (reset), 30 = 70 over 45 s sampled, extrapolated by 15 s to the window start
    assertEquals(70.0 * (60.0 / 45) / 60, f(v, "c_total", SeriesFeature.RATE), EPS);
    // per-interval rates 2, 2/3, 2
    assertEquals(2, f(v, "c_total", SeriesFeature.LAST), EPS);
    assertEquals((2 + 2.0 / 3 + 2) / 3, f(v, "c_total", SeriesFeature.MEAN), EPS);
    assertEquals(2.0 / 3, f(v, "c_total", SeriesFeature.MIN), EPS);
    assertEquals(2, f(v, "c_total", SeriesFeature.MAX), EPS);
    // EWMA over rates (first raw sample only primes): 2 -> 2 + 0.4 (2/3 - 2) -> ... + 0.4 (2 -
    // that)
    double e = 2 + 0.4 * (2.0 / 3 - 2);
    e = e + 0.4 * (2 - e);
    assertEquals(e, f(v, "c_total", SeriesFeature.EWMA_FAST), EPS);
  }

  @Test
  void shouldNotExtrapolateACounterBelowZero() {
    FeatureVector v = vectorAt(4, at("c_total", 3, 1), at("c_total", 4, 31));
    // sampled 15 s, increase 30; the counter would reach zero 0.5 s before the first sample
    assertEquals(30.0 * ((15 + 0.5 + 0) / 15) / 60, f(v, "c_total", SeriesFeature.RATE), EPS);
  }

  @Test
  void shouldTreatAStaleMarkerAsMissingAndRestartTheSmoothers() {
    MetricSample stale =
        new MetricSample("g", Samples.LABELS, 3 * Samples.STEP, MetricSample.STALE_NAN);
    FeatureVector atStale = vectorAt(3, at("g", 1, 2), at("g", 2, 4), stale);
    // window (-15 s, 45 s] = steps 0..3: only steps 1 and 2 hold values
    assertEquals(0.5, f(atStale, "g", SeriesFeature.MISSING_RATIO), EPS);
    assertEquals(4, f(atStale, "g", SeriesFeature.LAST), EPS);
    assertEquals(15.0, f(atStale, "g", SeriesFeature.STALENESS), EPS);
    assertEquals(0, f(atStale, "g", SeriesFeature.HOLT_RESIDUAL), EPS);

    FeatureVector restarted = vectorAt(5, at("g", 1, 2), at("g", 2, 4), stale, at("g", 5, 10));
    assertEquals(10, f(restarted, "g", SeriesFeature.EWMA_FAST), EPS);
    assertEquals(10, f(restarted, "g", SeriesFeature.EWMA_SLOW), EPS);
    assertEquals(0, f(restarted, "g", SeriesFeature.HOLT_RESIDUAL), EPS);
    assertEquals(7, f(restarted, "g", SeriesFeature.MEAN), EPS);
  }

  @Test
  void shouldZeroValueFeaturesAndFlagAMetricWithoutSeries() {
    FeatureVector v = vectorAt(2, at("g", 1, 5), at("g", 2, 7));
    assertEquals(1.0, f(v, "c_total", SeriesFeature.MISSING_RATIO), EPS);
    assertEquals(120.0, f(v, "c_total", SeriesFeature.STALENESS), EPS);
    assertEquals(0, f(v, "c_total", SeriesFeature.RATE), EPS);
    assertEquals(0, f(v, "c_total", SeriesFeature.MEAN), EPS);
  }

  @Test
  void shouldKeepTheLatestSampleOfAStep() {
    MetricSample early = new MetricSample("g", Samples.LABELS, 4 * Samples.STEP - 10_000, 100);
    FeatureVector v = vectorAt(4, early, at("g", 4, 6));
    assertEquals(6, f(v, "g", SeriesFeature.LAST), EPS);
    assertEquals(6, f(v, "g", SeriesFeature.MAX), EPS);
  }
}
