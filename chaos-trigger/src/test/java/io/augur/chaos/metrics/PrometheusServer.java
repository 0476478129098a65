package io.augur.chaos.metrics;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.augur.chaos.prom.MetricsUnavailableException;
import io.augur.chaos.prom.PrometheusHttpSource;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalDouble;
import java.util.function.DoublePredicate;

/**
 * A real Prometheus (the Debian package's binary) on a free port of 127.0.0.1, with the given
 * configuration, for tests; skipped when the binary is missing. Close it to stop the process.
 */
public final class PrometheusServer implements AutoCloseable {
  public static final Path BINARY = Path.of("/usr/bin/prometheus");
  private final Process process;
  private final Path log;
  private final URI base;

  private PrometheusServer(Process process, Path log, URI base) {
    this.process = process;
    this.log = log;
    this.base = base;
  }

  /**
   * Starts Prometheus with {@code configYaml} in {@code dir} and waits (at most 20 s) until it is
   * ready.
   */
  public static PrometheusServer start(Path dir, String configYaml)
      throws IOException, InterruptedException {
    assumeTrue(
        Files.isExecutable(BINARY),
        "prometheus binary missing at " + BINARY + " (apt-get install prometheus)");
    int port = freePort();
    Path config = Files.writeString(dir.resolve("prometheus.yml"), configYaml);
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
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!s.ready()) {
      if (System.nanoTime() > deadline || !p.isAlive()) {
        String out = Files.exists(log) ? Files.readString(log) : "";
        s.close();
        throw new IllegalStateException("prometheus did not become ready: " + out);
      }
      Thread.sleep(50); // waiting for a process to start, not for time to pass
    }
    return s;
  }

  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  public URI base() {
    return base;
  }

  public PrometheusHttpSource client() {
    return new PrometheusHttpSource(
        base, Duration.ofSeconds(5), 1, Duration.ofMillis(100), d -> {});
  }

  /**
   * Queries until the value satisfies {@code ok} (Prometheus has scraped or evaluated what the test
   * waits for), at most {@code timeout}; returns the last answer.
   */
  public OptionalDouble awaitValue(String promql, DoublePredicate ok, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    OptionalDouble v = OptionalDouble.empty();
    while (System.nanoTime() < deadline) {
      try {
        v = client().query(promql);
        if (v.isPresent() && ok.test(v.getAsDouble())) {
          return v;
        }
      } catch (MetricsUnavailableException e) {
        // not answering yet
      }
      Thread.sleep(100); // waiting for a scrape or rule evaluation, bounded by the deadline
    }
    return v;
  }

  public String log() throws IOException {
    return Files.readString(log);
  }

  private boolean ready() {
    try {
      HttpURLConnection c = (HttpURLConnection) base.resolve("/-/ready").toURL().openConnection();
      c.setConnectTimeout(200);
      return c.getResponseCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
