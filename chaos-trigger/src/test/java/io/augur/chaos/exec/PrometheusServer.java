package io.augur.chaos.exec;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Prometheus for one test class on 127.0.0.1 and a free port, scraping the given targets
 * every second. Skips the test (naming the binary) when it is not installed.
 */
final class PrometheusServer implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/bin/prometheus");
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Process process;
  private final Path log;
  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private PrometheusServer(Process process, Path log, URI base) {
    this.process = process;
    this.log = log;
    this.base = base;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Scrapes {@code job -> host:port} every second. */
  static PrometheusServer start(Path dir, Map<String, String> targets) throws Exception {
    assumeTrue(
        Files.isExecutable(BINARY),
        "prometheus binary missing at " + BINARY + " (apt-get install prometheus)");
    int port = freePort();
    StringBuilder cfg =
        new StringBuilder(
            "global:\n  scrape_interval: 1s\n  scrape_timeout: 900ms\n"
                + "  evaluation_interval: 1s\nscrape_configs:\n");
    targets.forEach(
        (job, hostPort) ->
            cfg.append("  - job_name: ")
                .append(job)
                .append("\n    static_configs:\n      - targets: ['")
                .append(hostPort)
                .append("']\n"));
    Path config = Files.writeString(dir.resolve("prometheus.yml"), cfg.toString());
    Path log = dir.resolve("prometheus.log");
    Process p =
        new ProcessBuilder(
                BINARY.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    PrometheusServer s = new PrometheusServer(p, log, URI.create("http://127.0.0.1:" + port));
    try {
      s.await("ready", () -> s.get("/-/ready").statusCode() == 200, Duration.ofSeconds(30));
    } catch (RuntimeException | Error e) {
      s.close();
      throw e;
    }
    return s;
  }

  URI base() {
    return base;
  }

  private HttpResponse<String> get(String path) {
    try {
      return http.send(
          HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("GET " + base.resolve(path) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * Raw samples {@code [t_ms, value]} of {@code selector} over the last {@code window} (a range
   * selector).
   */
  List<double[]> samples(String selector, Duration window) throws IOException {
    String q =
        URLEncoder.encode(selector + "[" + window.toSeconds() + "s]", StandardCharsets.UTF_8);
    JsonNode root = JSON.readTree(get("/api/v1/query?query=" + q).body());
    List<double[]> out = new ArrayList<>();
    for (JsonNode series : root.path("data").path("result")) {
      for (JsonNode v : series.path("values")) {
        out.add(new double[] {v.get(0).asDouble() * 1000, Double.parseDouble(v.get(1).asText())});
      }
    }
    out.sort((a, b) -> Double.compare(a[0], b[0]));
    return out;
  }

  /** Waits (bounded) for a process or server to get somewhere; not for time to pass. */
  void await(String what, java.util.function.BooleanSupplier ok, Duration limit)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      try {
        if (ok.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException e) {
        // not there yet
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "prometheus exited while waiting for " + what + ": " + logTail());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "prometheus: no " + what + " within " + limit + ": " + logTail());
      }
      Thread.sleep(50);
    }
  }

  String logTail() {
    try {
      String s = Files.readString(log);
      return s.substring(Math.max(0, s.length() - 2000));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
