package io.augur.job.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Remote read against Debian's Prometheus, compared with what its query API says. */
class RemoteReadClientITCase {
  static PrometheusProcess prom;
  static long end;
  static List<RemoteSeries> pushed = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    prom = PrometheusProcess.start();
    end = (System.currentTimeMillis() / 1000) * 1000 - 5_000;
    for (String inst : List.of("a", "b", "c")) {
      int n = 300;
      long[] ts = new long[n];
      double[] vs = new double[n];
      for (int i = 0; i < n; i++) {
        ts[i] = end - (n - 1 - i) * 1000L + (i % 3 == 0 ? 7 : 0); // jittered scrape times
        vs[i] = inst.equals("c") ? 42.0 : Math.sin(i / 10.0) * 1e3 + i * 0.001;
      }
      pushed.add(
          new RemoteSeries(
              Map.of("__name__", "augur_it_gauge", "instance", inst, "job", "it"), ts, vs));
    }
    prom.remoteWrite(pushed);
  }

  @AfterAll
  static void stop() throws Exception {
    if (prom != null) {
      prom.close();
    }
  }

  private static RemoteReadClient client(boolean streamed) {
    return new RemoteReadClient(prom.url(), HttpSettings.defaults(), streamed);
  }

  @Test
  void shouldReadBackPushedSamplesExactlyWithBothResponseTypes() throws Exception {
    ReadQuery q =
        new ReadQuery(end - 400_000, end, List.of(LabelMatcher.eq("__name__", "augur_it_gauge")));
    assertEquals(pushed, client(false).read(q), "SAMPLES");
    assertEquals(pushed, client(true).read(q), "STREAMED_XOR_CHUNKS");
  }

  @Test
  void shouldApplyEveryMatcherType() throws Exception {
    long s = end - 400_000;
    assertEquals(
        List.of(pushed.get(1)),
        client(true)
            .read(
                new ReadQuery(
                    s,
                    end,
                    List.of(
                        LabelMatcher.eq("__name__", "augur_it_gauge"),
                        LabelMatcher.eq("instance", "b")))));
    assertEquals(
        List.of(pushed.get(0), pushed.get(2)),
        client(true)
            .read(
                new ReadQuery(
                    s,
                    end,
                    List.of(
                        LabelMatcher.eq("__name__", "augur_it_gauge"),
                        LabelMatcher.neq("instance", "b")))));
    assertEquals(
        List.of(pushed.get(0), pushed.get(1)),
        client(true)
            .read(
                new ReadQuery(
                    s,
                    end,
                    List.of(
                        LabelMatcher.re("__name__", "augur_it_.*"),
                        LabelMatcher.re("instance", "a|b")))));
    assertEquals(
        List.of(pushed.get(2)),
        client(false)
            .read(
                new ReadQuery(
                    s,
                    end,
                    List.of(LabelMatcher.eq("job", "it"), LabelMatcher.nre("instance", "a|b")))));
  }

  @Test
  void shouldClipToTheRequestedTimeRange() throws Exception {
    long from = end - 100_000;
    long to = end - 50_000;
    for (boolean streamed : List.of(false, true)) {
      List<RemoteSeries> got =
          client(streamed)
              .read(
                  new ReadQuery(
                      from,
                      to,
                      List.of(LabelMatcher.eq("instance", "a"), LabelMatcher.eq("job", "it"))));
      assertEquals(1, got.size());
      RemoteSeries s = got.get(0);
      assertTrue(s.size() >= 49 && s.size() <= 51, "about 50 samples, got " + s.size());
      for (int i = 0; i < s.size(); i++) {
        assertTrue(
            s.timestampAt(i) >= from && s.timestampAt(i) <= to,
            "sample at " + s.timestampAt(i) + " outside range");
      }
    }
  }

  @Test
  void shouldMatchQueryApiForSelfScrapedSeries() throws Exception {
    // wait (bounded) until a few scrapes have happened
    long deadline = System.currentTimeMillis() + 15_000;
    long now;
    JsonNode result;
    do {
      Thread.sleep(500);
      now = System.currentTimeMillis() - 1_000;
      result =
          new ObjectMapper()
              .readTree(
                  prom.query("prometheus_http_requests_total{handler=\"/-/ready\"}[60s]", now))
              .path("data")
              .path("result");
    } while ((result.size() == 0 || result.get(0).path("values").size() < 3)
        && System.currentTimeMillis() < deadline);
    assertFalse(result.isEmpty(), "prometheus scraped itself");
    // the API's range selector yields raw samples in (now-60s, now]
    List<RemoteSeries> api = new ArrayList<>();
    for (JsonNode r : result) {
      Map<String, String> labels = new TreeMap<>();
      r.path("metric").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
      labels.put("__name__", "prometheus_http_requests_total");
      JsonNode v = r.path("values");
      long[] ts = new long[v.size()];
      double[] vs = new double[v.size()];
      for (int i = 0; i < v.size(); i++) {
        ts[i] = Math.round(v.get(i).get(0).asDouble() * 1000);
        vs[i] = Double.parseDouble(v.get(i).get(1).asText());
      }
      api.add(new RemoteSeries(labels, ts, vs));
    }
    ReadQuery q =
        new ReadQuery(
            now - 60_000 + 1,
            now,
            List.of(
                LabelMatcher.eq("__name__", "prometheus_http_requests_total"),
                LabelMatcher.eq("handler", "/-/ready")));
    assertEquals(api, client(true).read(q), "STREAMED_XOR_CHUNKS vs /api/v1/query");
    assertEquals(api, client(false).read(q), "SAMPLES vs /api/v1/query");
  }

  @Test
  void shouldReportServersRejectionOfAnUnknownMatcherRegexAsClientError() throws Exception {
    // Go's RE2 refuses a Java-only construct (possessive quantifier): the server answers 4xx or
    // 5xx, never 200
    try {
      client(true)
          .read(new ReadQuery(end - 1000, end, List.of(LabelMatcher.re("__name__", "a++"))));
    } catch (RemoteReadException e) {
      assertTrue(e.status() >= 400, "status " + e.status());
      return;
    }
    throw new AssertionError("a regex RE2 cannot parse must not succeed");
  }
}
