package io.augur.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.domain.MetricSample;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PrometheusJsonTest {

  @Test
  void shouldParseAdapterRecord() {
    var r =
        PrometheusJson.parse(
            "{\"timestamp\":\"2026-11-26T18:10:00Z\",\"value\":\"0.41\",\"name\":\"node_load1\","
                + "\"labels\":{\"__name__\":\"node_load1\",\"instance\":\"127.0.0.1:9100\",\"job\":\"node\"}}");
    assertTrue(r.ok(), r.error());
    assertEquals("node_load1", r.sample().metric());
    assertEquals(Map.of("instance", "127.0.0.1:9100", "job", "node"), r.sample().labels());
    assertEquals(Instant.parse("2026-11-26T18:10:00Z").toEpochMilli(), r.sample().timestampMs());
    assertEquals(0.41, r.sample().value());
  }

  @Test
  void shouldRoundTripFormattedSamples() {
    SplittableRandom rnd = new SplittableRandom(1);
    for (int i = 0; i < 1000; i++) {
      double v =
          rnd.nextInt(3) == 0
              ? rnd.nextInt(1_000_000)
              : rnd.nextDouble() * Math.pow(10, rnd.nextInt(-6, 12));
      MetricSample s =
          new MetricSample(
              "m_" + i, Map.of("job", "j" + i), rnd.nextLong(0, 4_000_000_000L) * 1000, v);
      var r = PrometheusJson.parse(PrometheusJson.format(s));
      assertTrue(r.ok(), r.error());
      assertEquals(s, r.sample());
    }
  }

  @Test
  void shouldReadNaNAsStaleMarker() {
    var r = PrometheusJson.parse(record("\"NaN\""));
    assertTrue(r.ok(), r.error());
    assertTrue(r.sample().stale());
  }

  @Test
  void shouldExplainEveryKindOfBadRecord() {
    assertError("{\"timestamp\":", "malformed JSON");
    assertError("[1,2]", "not a JSON object");
    assertError(record("0.5"), "field \"value\" must be a string, got a number");
    assertError(record("\"abc\""), "value \"abc\" is not a number");
    assertError(record("\"+Inf\""), "must be finite");
    assertError(record("\"1\"").replace("\"name\"", "\"nom\""), "unknown field \"nom\"");
    assertError(
        record("\"1\"").replace("2026-11-26T18:10:00Z", "yesterday"),
        "timestamp: \"yesterday\" is not an RFC 3339");
    assertError(
        record("\"1\"").replace("2026-11-26T18:10:00Z", "1969-12-31T23:59:59Z"), "before 1970");
    assertError(
        "{\"timestamp\":\"2026-11-26T18:10:00Z\",\"value\":\"1\",\"name\":\"\",\"labels\":{}}",
        "empty metric name");
    assertError("{\"value\":\"1\",\"name\":\"x\",\"labels\":{}}", "missing field \"timestamp\"");
    StringBuilder many =
        new StringBuilder(
            "{\"timestamp\":\"2026-11-26T18:10:00Z\",\"value\":\"1\",\"name\":\"x\",\"labels\":{");
    for (int i = 0; i < 100; i++) {
      many.append(i == 0 ? "" : ",").append("\"l").append(i).append("\":\"v\"");
    }
    assertError(many.append("}}").toString(), "more than 64 labels");
  }

  @Test
  void fastTimestampParserShouldAgreeWithInstantParse() {
    SplittableRandom rnd = new SplittableRandom(7);
    for (int i = 0; i < 10_000; i++) {
      Instant t = Instant.ofEpochMilli(rnd.nextLong(0, 7_000_000_000_000L));
      assertEquals(t.toEpochMilli(), Rfc3339.parseMillis(t.toString()), t.toString());
    }
    assertEquals(
        Instant.parse("2026-11-26T19:10:00+01:00").toEpochMilli(),
        Rfc3339.parseMillis("2026-11-26T19:10:00+01:00"));
  }

  private static String record(String value) {
    return "{\"timestamp\":\"2026-11-26T18:10:00Z\",\"value\":"
        + value
        + ",\"name\":\"up\",\"labels\":{\"job\":\"a\"}}";
  }

  private static void assertError(String json, String expected) {
    var r = PrometheusJson.parse(json);
    assertFalse(r.ok(), "expected a failure for " + json);
    assertTrue(
        r.error().contains(expected),
        "error \"" + r.error() + "\" should contain \"" + expected + "\"");
  }
}
