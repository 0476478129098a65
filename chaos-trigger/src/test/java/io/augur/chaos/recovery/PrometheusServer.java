package io.augur.chaos.recovery;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.augur.chaos.prom.PrometheusHttpSource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Debian's Prometheus for one test class on 127.0.0.1 and a free port, scraping the given targets
 * and evaluating the given rule files every second. Skips the test (naming the binary) when it is
 * not installed.
 */
public final class PrometheusServer implements AutoCloseable {
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

  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Scrapes {@code job -> host:port} every second and evaluates {@code ruleFiles} every second. */
  public static PrometheusServer start(Path dir, Map<String, String> targets, List<Path> ruleFiles)
      throws Exception {
    assumeTrue(
        Files.isExecutable(BINARY),
        "prometheus binary missing at " + BINARY + " (apt-get install prometheus)");
    int port = freePort();
    StringBuilder cfg =
        new StringBuilder(
            "global:\n  scrape_interval: 1s\n  scrape_timeout: 900ms\n"
                + "  evaluation_interval: 1s\n");
    if (!ruleFiles.isEmpty()) {
      cfg.append("rule_files:\n");
      ruleFiles.forEach(f -> cfg.append("  - '").append(f.toAbsolutePath()).append("'\n"));
    }
    cfg.append("scrape_configs:\n");
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

  public URI base() {
    return base;
  }

  public PrometheusHttpSource client() {
    return new PrometheusHttpSource(
        base, Duration.ofSeconds(5), 1, Duration.ofMillis(100), d -> {});
  }

  public JsonNode getJson(String path) {
    try {
      return JSON.readTree(get(path).body());
    } catch (IOException e) {
      throw new IllegalStateException("GET " + path + ": " + e.getMessage(), e);
    }
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

  /** The alerts of {@code alertname} (any state) as /api/v1/alerts lists them. */
  public List<JsonNode> alerts(String alertname) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode a : getJson("/api/v1/alerts").path("data").path("alerts")) {
      if (alertname.equals(a.path("labels").path("alertname").asText())) {
        out.add(a);
      }
    }
    return out;
  }

  /**
   * The state (pending, firing) of the alert of {@code alertname} with label {@code key=value}, or
   * "inactive".
   */
  public String alertState(String alertname, String key, String value) {
    return alerts(alertname).stream()
        .filter(a -> value.equals(a.path("labels").path(key).asText()))
        .map(a -> a.path("state").asText())
        .findFirst()
        .orElse("inactive");
  }

  /** The rule groups Prometheus loaded (/api/v1/rules), each rule's name and health. */
  public JsonNode rules() {
    return getJson("/api/v1/rules").path("data").path("groups");
  }

  /** Waits (bounded) for a process or server to get somewhere; not for time to pass. */
  public void await(String what, BooleanSupplier ok, Duration limit) throws InterruptedException {
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

  public String logTail() {
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
