package io.augur.chaos.prom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.augur.chaos.safety.HealthGate;
import io.augur.chaos.safety.HealthQuery;
import io.augur.chaos.safety.HealthReport;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP client and the health gate against a real Prometheus (Debian's 2.42) on a free port. */
class PrometheusHealthIT {
  private static final Path BINARY = Path.of("/usr/bin/prometheus");
  @TempDir static Path dir;
  private static Process prometheus;
  private static URI base;
  private final List<Duration> sleeps = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(
        Files.isExecutable(BINARY),
        "prometheus binary missing at " + BINARY + " (apt-get install prometheus)");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path config =
        Files.writeString(dir.resolve("prometheus.yml"), "global:\n  scrape_interval: 1h\n");
    prometheus =
        new ProcessBuilder(
                BINARY.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("log").toFile())
            .start();
    base = URI.create("http://127.0.0.1:" + port);
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!ready()) {
      if (System.nanoTime() > deadline || !prometheus.isAlive()) {
        throw new IllegalStateException(
            "prometheus did not become ready: " + Files.readString(dir.resolve("log")));
      }
      Thread.sleep(50); // waiting for a process to start, not for time to pass
    }
  }

  private static boolean ready() {
    try {
      HttpURLConnection c = (HttpURLConnection) base.resolve("/-/ready").toURL().openConnection();
      c.setConnectTimeout(200);
      return c.getResponseCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (prometheus != null) {
      prometheus.destroy();
      prometheus.waitFor();
    }
  }

  private PrometheusHttpSource client() {
    return new PrometheusHttpSource(
        base, Duration.ofSeconds(5), 3, Duration.ofMillis(100), sleeps::add);
  }

  @Test
  void shouldReadScalarsVectorsAndEmptyResults() {
    assertEquals(OptionalDouble.of(0.25), client().query("scalar(vector(0.25))"));
    assertEquals(
        OptionalDouble.of(3.0),
        client().query("vector(1) or label_replace(vector(3), \"x\", \"y\", \"\", \"\")"));
    assertEquals(OptionalDouble.empty(), client().query("up{job=\"nothing-here\"}"));
    assertTrue(sleeps.isEmpty());
  }

  @Test
  void shouldNotRetryAQueryPrometheusRejects() {
    MetricsUnavailableException e =
        assertThrows(MetricsUnavailableException.class, () -> client().query("sum("));
    assertTrue(e.getMessage().contains("HTTP 400"), e.getMessage());
    assertTrue(sleeps.isEmpty());
  }

  @Test
  void shouldDeferThroughTheHealthGateOnRealAnswers() {
    List<HealthQuery> qs =
        List.of(
            new HealthQuery("error-ratio", "vector(0.015)", 0.1, null),
            new HealthQuery("burn", "vector(3)", 10.0, 0.0),
            new HealthQuery("alerts", "count(ALERTS{alertstate=\"firing\"})", 5.0, 0.0));
    HealthReport r = new HealthGate(client(), qs, 0.8).assess();
    assertEquals(0.7, r.health(), 1e-9); // burn 3 of 10
    assertFalse(r.ok());
    assertEquals(1.0, r.healths().get("alerts"), 1e-12); // no series: valueWhenEmpty 0
    assertTrue(r.problems().get(0).startsWith("burn is 3"), r.problems().toString());
  }
}
