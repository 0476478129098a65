package io.augur.features;

import static io.augur.features.Samples.at;
import static io.augur.features.Samples.f;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.domain.FeatureVector;
import io.augur.domain.MetricSample;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The mess: duplicates, lateness, TTL, label explosion, several series per metric. */
class ComponentFeatureExtractorTest {
  private static final double EPS = 1e-9;
  private final FeatureConfig cfg = Samples.smallConfig();

  @Test
  void shouldDropAndCountDuplicatesWithoutChangingTheVector() {
    ComponentFeatureExtractor clean = Samples.extractor(cfg);
    ComponentFeatureExtractor dup = Samples.extractor(cfg);
    for (long k = 1; k <= 4; k++) {
      clean.offer(at("g", k, k * 3));
      dup.offer(at("g", k, k * 3));
      assertEquals(OfferResult.DUPLICATE, dup.offer(at("g", k, 999)));
    }
    assertEquals(clean.advanceTo(60_000), dup.advanceTo(60_000));
    assertEquals(4, dup.stats().duplicates());
    assertEquals(4, dup.stats().accepted());
  }

  @Test
  void shouldSendSamplesOfEmittedStepsToLateWithAReason() {
    ComponentFeatureExtractor e = Samples.extractor(cfg);
    for (long k = 1; k <= 4; k++) {
      e.offer(at("g", k, k));
    }
    assertEquals(4, e.advanceTo(60_000).size());
    MetricSample late = at("g", 3, 42);
    assertEquals(OfferResult.LATE, e.offer(late));
    assertTrue(e.explain(OfferResult.LATE, late).contains("already emitted up to step 60000"));
    assertEquals(1, e.stats().late());
    assertEquals(OfferResult.ACCEPTED, e.offer(at("g", 5, 5)));
  }

  @Test
  void shouldAcceptOutOfOrderSamplesWithinAllowedLateness() {
    FeatureConfig lenient = cfg.withAllowedLateness(30_000);
    ComponentFeatureExtractor inOrder = Samples.extractor(lenient);
    ComponentFeatureExtractor shuffled = Samples.extractor(lenient);
    for (long k : new long[] {1, 2, 3, 4}) {
      inOrder.offer(at("g", k, k * k));
    }
    for (long k : new long[] {1, 2, 4}) {
      shuffled.offer(at("g", k, k * k));
    }
    // at 60 s only steps 1 and 2 have waited out their 30 s lateness
    List<FeatureVector> early = shuffled.advanceTo(60_000);
    assertEquals(
        List.of(15_000L, 30_000L), early.stream().map(FeatureVector::timestampMs).toList());
    assertEquals(OfferResult.OUT_OF_ORDER, shuffled.offer(at("g", 3, 9)));
    List<FeatureVector> expected = inOrder.advanceTo(90_000);
    List<FeatureVector> actual = new java.util.ArrayList<>(early);
    actual.addAll(shuffled.advanceTo(90_000));
    assertEquals(expected, actual);
    assertEquals(1, shuffled.stats().outOfOrder());
  }

  @Test
  void shouldRefuseASampleThatWouldOverwriteDataAPendingWindowNeeds() {
    ComponentFeatureExtractor e = Samples.extractor(cfg);
    assertEquals(10, cfg.ringCapacity()); // 4 window points + 0 lateness + 6 slack
    e.offer(at("g", 1, 1));
    e.advanceTo(15_000);
    // step 11 shares step 1's slot, and step 1 is still in the windows of steps 2..4
    MetricSample tooEarly = at("g", 11, 5);
    assertEquals(OfferResult.TOO_EARLY, e.offer(tooEarly));
    assertTrue(e.explain(OfferResult.TOO_EARLY, tooEarly).startsWith("too early"));
    assertEquals(1, e.stats().tooEarly());
    assertEquals(1, f(e.advanceTo(60_000).get(2), "g", SeriesFeature.MAX), EPS);
  }

  @Test
  void shouldExpireSilentSeriesAfterTheirTtlAndStopEmitting() {
    ComponentFeatureExtractor e = Samples.extractor(cfg);
    e.offer(at("g", 1, 1));
    e.offer(at("g", 2, 2));
    List<FeatureVector> out = e.advanceTo(Long.MAX_VALUE);
    // last sample at 30 s, TTL 120 s: steps 1..9 are emitted, the series is gone at 150 s
    assertEquals(9, out.size());
    assertEquals(135_000, out.get(out.size() - 1).timestampMs());
    assertEquals(1.0, f(out.get(out.size() - 1), "g", SeriesFeature.MISSING_RATIO), EPS);
    assertTrue(e.isEmpty());
    assertEquals(1, e.stats().expiredSeries());
    assertEquals(Long.MIN_VALUE, e.nextEmissionMs());
  }

  @Test
  void shouldResumeEmittingWhenAnExpiredComponentComesBack() {
    ComponentFeatureExtractor e = Samples.extractor(cfg);
    e.offer(at("g", 1, 1));
    e.advanceTo(300_000);
    assertTrue(e.isEmpty());
    assertEquals(OfferResult.ACCEPTED, e.offer(at("g", 21, 7)));
    List<FeatureVector> out = e.advanceTo(330_000);
    assertEquals(
        List.of(315_000L, 330_000L), out.stream().map(FeatureVector::timestampMs).toList());
  }

  @Test
  void shouldRefuseSeriesBeyondTheCapAndCountThem() {
    ComponentFeatureExtractor e = Samples.extractor(cfg.withMaxSeriesPerComponent(2));
    assertEquals(OfferResult.ACCEPTED, e.offer(at("g", Map.of("cpu", "0"), 1, 1)));
    assertEquals(OfferResult.ACCEPTED, e.offer(at("g", Map.of("cpu", "1"), 1, 1)));
    MetricSample third = at("g", Map.of("cpu", "2"), 1, 1);
    assertEquals(OfferResult.OVER_CAP, e.offer(third));
    assertEquals(OfferResult.OVER_CAP, e.offer(at("c_total", 1, 1)));
    assertEquals(2, e.stats().overCap());
    assertEquals(2, e.liveSeries());
    assertTrue(e.explain(OfferResult.OVER_CAP, third).contains("maxSeriesPerComponent=2"));
  }

  @Test
  void shouldCombineGaugesByMaxAndCounterRatesBySum() {
    ComponentFeatureExtractor e = Samples.extractor(cfg);
    for (long k = 1; k <= 4; k++) {
      e.offer(at("g", Map.of("cpu", "0"), k, 1));
      e.offer(at("g", Map.of("cpu", "1"), k, 5));
      e.offer(at("c_total", Map.of("path", "/a"), k, 15 * k)); // 1/s
      e.offer(at("c_total", Map.of("path", "/b"), k, 30 * k)); // 2/s
    }
    FeatureVector v = e.advanceTo(60_000).get(3);
    assertEquals(5, f(v, "g", SeriesFeature.LAST), EPS);
    assertEquals(3, f(v, "c_total", SeriesFeature.LAST), EPS);
    assertEquals(3, f(v, "c_total", SeriesFeature.MEAN), EPS);
  }

  @Test
  void shouldIgnoreMetricsOutsideTheSchema() {
    ComponentFeatureExtractor e = Samples.extractor(cfg);
    assertEquals(OfferResult.UNKNOWN_METRIC, e.offer(at("other", 1, 1)));
    assertEquals(1, e.stats().unknownMetric());
    assertTrue(e.advanceTo(60_000).isEmpty());
  }

  @Test
  void shouldRefuseASampleOfAnotherComponent() {
    ComponentFeatureExtractor e = Samples.extractor(cfg);
    MetricSample other = new MetricSample("g", Map.of("job", "x", "instance", "y"), 15_000, 1);
    IllegalArgumentException ex =
        assertThrows(IllegalArgumentException.class, () -> e.offer(other));
    assertTrue(ex.getMessage().contains("x/y"));
  }

  @Test
  void shouldStampVectorsWithTheComponentAndTheSchema() {
    ComponentFeatureExtractor e = Samples.extractor(cfg);
    e.offer(at("g", 1, 1));
    FeatureVector v = e.advanceTo(15_000).get(0);
    assertEquals(Samples.COMPONENT, v.component());
    assertEquals(Samples.LABELS, v.componentLabels());
    assertEquals(FeatureSchemas.of(cfg), v.schema());
  }
}
