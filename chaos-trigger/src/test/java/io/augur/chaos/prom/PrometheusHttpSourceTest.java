package io.augur.chaos.prom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PrometheusHttpSourceTest {
  private HttpServer server;
  private final List<Duration> sleeps = new ArrayList<>();
  private final List<String> queries = new ArrayList<>();

  private URI serve(int failFirst, int failCode, String body) throws IOException {
    AtomicInteger calls = new AtomicInteger();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/api/v1/query",
        ex -> {
          queries.add(
              java.net.URLDecoder.decode(ex.getRequestURI().getRawQuery(), StandardCharsets.UTF_8));
          boolean fail = calls.incrementAndGet() <= failFirst;
          byte[] b = (fail ? "{\"status\":\"error\"}" : body).getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(fail ? failCode : 200, b.length);
          try (OutputStream os = ex.getResponseBody()) {
            os.write(b);
          }
        });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private PrometheusHttpSource client(URI uri) {
    return new PrometheusHttpSource(
        uri, Duration.ofSeconds(2), 3, Duration.ofMillis(100), sleeps::add);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void shouldReadTheWorstSeriesOfAVector() throws IOException {
    URI uri =
        serve(
            0,
            0,
            "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                + "{\"metric\":{\"job\":\"a\"},\"value\":[1700000000,\"0.02\"]},"
                + "{\"metric\":{\"job\":\"b\"},\"value\":[1700000000,\"0.07\"]}]}}");
    assertEquals(OptionalDouble.of(0.07), client(uri).query("sum by (job) (rate(x[5m]))"));
    assertTrue(queries.get(0).contains("query=sum by (job) (rate(x[5m]))"), queries.toString());
  }

  @Test
  void shouldReturnEmptyForAnEmptyVectorAndReadScalars() throws IOException {
    URI uri =
        serve(0, 0, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}");
    assertEquals(OptionalDouble.empty(), client(uri).query("up"));
    assertEquals(
        OptionalDouble.of(3.5),
        PrometheusHttpSource.parse(
            "q",
            "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1,\"3.5\"]}}"));
  }

  @Test
  void shouldRetryServerErrorsWithDoublingBackoff() throws IOException {
    URI uri =
        serve(
            2,
            503,
            "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1,\"1\"]}}");
    assertEquals(OptionalDouble.of(1.0), client(uri).query("vector(1)"));
    assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200)), sleeps);
  }

  @Test
  void shouldGiveUpAfterMaxAttemptsNamingTheServer() throws IOException {
    URI uri = serve(10, 503, "");
    MetricsUnavailableException e =
        assertThrows(MetricsUnavailableException.class, () -> client(uri).query("up"));
    assertTrue(
        e.getMessage().contains("after 3 attempts") && e.getMessage().contains("HTTP 503"),
        e.getMessage());
    assertEquals(2, sleeps.size());
  }

  @Test
  void shouldFailFastWhileTheCircuitIsOpenAndTryAgainLater() throws IOException {
    URI uri =
        serve(
            2 * 3,
            503,
            "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1,\"2\"]}}");
    io.augur.chaos.Fixtures.MutableClock clock =
        new io.augur.chaos.Fixtures.MutableClock(io.augur.chaos.Fixtures.T0);
    PrometheusHttpSource c =
        new PrometheusHttpSource(
            uri,
            Duration.ofSeconds(2),
            3,
            Duration.ofMillis(100),
            sleeps::add,
            new CircuitBreaker(2, Duration.ofSeconds(30), clock));
    assertThrows(MetricsUnavailableException.class, () -> c.query("up"));
    assertThrows(MetricsUnavailableException.class, () -> c.query("up"));
    assertEquals(6, queries.size());
    MetricsUnavailableException open =
        assertThrows(MetricsUnavailableException.class, () -> c.query("up"));
    assertTrue(open.getMessage().contains("circuit open"), open.getMessage());
    assertEquals(6, queries.size(), "no request while open");
    clock.advance(Duration.ofSeconds(31));
    assertEquals(OptionalDouble.of(2.0), c.query("up"));
    assertEquals(7, queries.size());
  }

  @Test
  void shouldNotRetryABadQuery() throws IOException {
    URI uri = serve(10, 400, "");
    assertThrows(MetricsUnavailableException.class, () -> client(uri).query("sum("));
    assertEquals(1, queries.size());
    assertTrue(sleeps.isEmpty());
  }

  @Test
  void shouldRetryWhenNothingListens() throws IOException {
    URI uri = serve(0, 0, "");
    server.stop(0);
    server = null;
    assertThrows(MetricsUnavailableException.class, () -> client(uri).query("up"));
    assertEquals(2, sleeps.size());
  }
}
