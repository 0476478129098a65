package io.augur.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DomainRecordsTest {
  private final ObjectMapper json = new ObjectMapper();
  private final FeatureSchema schema = new FeatureSchema("test", 1, List.of("a", "b"));

  @Test
  void shouldRejectNaNValueNamingMetricAndTime() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new MetricSample("cpu", Map.of(), 1000, Double.NaN));
    assertTrue(e.getMessage().contains("value of cpu at 1000"), e.getMessage());
  }

  @Test
  void shouldRejectInfiniteValue() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new MetricSample("cpu", Map.of(), 1000, Double.POSITIVE_INFINITY));
    assertTrue(e.getMessage().contains("Infinity"), e.getMessage());
  }

  @Test
  void shouldAcceptPrometheusStaleMarker() {
    MetricSample s = new MetricSample("cpu", Map.of("job", "a"), 1000, MetricSample.STALE_NAN);
    assertTrue(s.stale());
  }

  @Test
  void shouldRejectNegativeTimestampNamingField() {
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> new MetricSample("cpu", Map.of(), -5, 1));
    assertEquals("timestampMs must be >= 0, got -5", e.getMessage());
  }

  @Test
  void shouldRejectEmptyMetricName() {
    var e =
        assertThrows(IllegalArgumentException.class, () -> new MetricSample("", Map.of(), 5, 1));
    assertEquals("metric must not be empty, got \"\"", e.getMessage());
  }

  @Test
  void shouldRejectInvalidLabelName() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new MetricSample("up", Map.of("bad-name", "x"), 5, 1));
    assertTrue(e.getMessage().contains("bad-name"), e.getMessage());
  }

  @Test
  void seriesKeyShouldBeIndependentOfLabelOrderAndStable() {
    SeriesKey a = new MetricSample("up", Map.of("job", "x", "instance", "i"), 1, 1).seriesKey();
    SeriesKey b =
        SeriesKey.of("up", new java.util.LinkedHashMap<>(Map.of("instance", "i", "job", "x")));
    assertEquals(a, b);
    assertEquals("up{instance=\"i\",job=\"x\"}", a.canonical());
    assertEquals(a.hash(), b.hash());
    assertNotEquals(a.hash(), SeriesKey.of("up", Map.of("job", "y")).hash());
  }

  @Test
  void schemaHashShouldChangeWithOrderAndVersion() {
    assertNotEquals(schema.hash(), new FeatureSchema("test", 1, List.of("b", "a")).hash());
    assertNotEquals(schema.hash(), new FeatureSchema("test", 2, List.of("a", "b")).hash());
    assertEquals(schema.hash(), new FeatureSchema("test", 1, List.of("a", "b")).hash());
    assertThrows(
        IllegalArgumentException.class,
        () -> schema.requireSame(new FeatureSchema("test", 2, List.of("a", "b"))));
  }

  @Test
  void featureVectorShouldRejectWrongLengthAndNonFiniteValues() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new FeatureVector("c", Map.of(), 0, schema, new double[] {1}));
    assertTrue(e.getMessage().contains("values has 1 entries"), e.getMessage());
    var f =
        assertThrows(
            IllegalArgumentException.class,
            () -> new FeatureVector("c", Map.of(), 0, schema, new double[] {1, Double.NaN}));
    assertTrue(f.getMessage().contains("values[1] (b)"), f.getMessage());
  }

  @Test
  void severityShouldFollowThresholds() {
    assertEquals(Severity.NONE, Severity.of(0.69));
    assertEquals(Severity.MEDIUM, Severity.of(0.7));
    assertEquals(Severity.MEDIUM, Severity.of(0.9));
    assertEquals(Severity.HIGH, Severity.of(0.9001));
    assertThrows(IllegalArgumentException.class, () -> Severity.of(1.2));
  }

  @Test
  void predictionShouldRejectProbabilityOutsideUnitInterval() {
    var e = assertThrows(IllegalArgumentException.class, () -> prediction(1.5));
    assertEquals("probability must be within [0, 1], got 1.5", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> prediction(Double.NaN));
  }

  @Test
  void recordsShouldRoundTripThroughJackson() throws Exception {
    FailurePrediction p = prediction(0.8);
    assertEquals(p, json.readValue(json.writeValueAsString(p), FailurePrediction.class));
    FeatureVector v = new FeatureVector("c", Map.of("job", "j"), 10, schema, new double[] {1, 2});
    assertEquals(v, json.readValue(json.writeValueAsString(v), FeatureVector.class));
    MetricSample s = new MetricSample("up", Map.of("job", "j"), 10, 1.5);
    assertEquals(s, json.readValue(json.writeValueAsString(s), MetricSample.class));
    ExperimentOutcome o =
        new ExperimentOutcome(
            "p1",
            "checkout",
            "pod-kill",
            "unknown",
            ExperimentOutcome.Status.PASSED,
            1,
            2,
            1L,
            true,
            Map.of("x", 1.0),
            "");
    assertEquals(o, json.readValue(json.writeValueAsString(o), ExperimentOutcome.class));
  }

  @Test
  void alertShouldRequireEndWhenResolved() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new FailureAlert(
                    "AugurPredictedFailure",
                    "c",
                    Map.of(),
                    Map.of(),
                    Severity.HIGH,
                    AlertState.RESOLVED,
                    5,
                    null,
                    prediction(0.95)));
    assertEquals("a RESOLVED alert needs endsAtMs", e.getMessage());
  }

  private static FailurePrediction prediction(double p) {
    return new FailurePrediction(
        "c",
        Map.of("job", "j"),
        10,
        p,
        Severity.NONE,
        null,
        List.of("c"),
        "memory-leak",
        List.of("restart"),
        List.of(new Contribution("a", 0.5)),
        Map.of("forest", 0.5),
        "v1");
  }
}
