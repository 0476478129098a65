package io.augur.job.prometheus;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.xerial.snappy.Snappy;

/**
 * Debian's Prometheus started for one test on 127.0.0.1, a random free port and a temp dir,
 * scraping itself every second, with the remote-write receiver on so tests can push known data.
 * Skips the test (naming the binary) when it is not installed.
 */
public final class PrometheusProcess implements AutoCloseable {
  private Process process;
  private final int port;
  private final Path dir;
  private final List<String> command;

  private PrometheusProcess(Process process, int port, Path dir, List<String> command) {
    this.process = process;
    this.port = port;
    this.dir = dir;
    this.command = command;
  }

  public static String binary(String name) {
    for (String d : List.of("/usr/bin", "/usr/local/bin", "/bin")) {
      Path p = Path.of(d, name);
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    return null;
  }

  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  public static PrometheusProcess start() throws Exception {
    String bin = binary("prometheus");
    assumeTrue(bin != null, "binary 'prometheus' not installed (apt-get install prometheus)");
    Path dir = Files.createTempDirectory("augur-prom");
    int port = freePort();
    Path cfg = dir.resolve("prometheus.yml");
    Files.writeString(
        cfg,
        "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nscrape_configs:\n"
            + "  - job_name: prometheus\n    static_configs:\n      - targets: ['127.0.0.1:"
            + port
            + "']\n");
    List<String> command =
        List.of(
            bin,
            "--config.file=" + cfg,
            "--storage.tsdb.path=" + dir.resolve("data"),
            "--web.listen-address=127.0.0.1:" + port,
            "--web.enable-remote-write-receiver",
            "--web.enable-lifecycle");
    PrometheusProcess pp = new PrometheusProcess(launch(command, dir), port, dir, command);
    pp.awaitReady();
    return pp;
  }

  private static Process launch(List<String> command, Path dir) throws IOException {
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("prometheus.log").toFile()))
        .start();
  }

  /** SIGKILL: no shutdown, no flush beyond what its WAL already wrote. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** Starts it again on the same port with the same TSDB directory (its WAL is replayed). */
  public void restart() throws Exception {
    if (process.isAlive()) {
      throw new IllegalStateException("prometheus on port " + port + " is still running");
    }
    process = launch(command, dir);
    awaitReady();
  }

  private void awaitReady() throws Exception {
    HttpClient c = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (c.send(
                    HttpRequest.newBuilder(URI.create(url() + "/-/ready")).build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode()
            == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "prometheus exited: " + Files.readString(dir.resolve("prometheus.log")));
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException(
        "prometheus not ready in 20 s: " + Files.readString(dir.resolve("prometheus.log")));
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Pushes series through remote write; fails the test on anything but 2xx. */
  public void remoteWrite(List<RemoteSeries> series) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url() + "/api/v1/write"))
                    .header("Content-Type", "application/x-protobuf")
                    .header("Content-Encoding", "snappy")
                    .header("X-Prometheus-Remote-Write-Version", "0.1.0")
                    .POST(
                        HttpRequest.BodyPublishers.ofByteArray(
                            Snappy.compress(RemoteReadCodec.encodeWriteRequest(series))))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      throw new IllegalStateException("remote write answered " + r.statusCode() + ": " + r.body());
    }
  }

  /** GET {@code /api/v1/query} and return the raw JSON. */
  public String query(String promql, long atMs) throws Exception {
    String q = java.net.URLEncoder.encode(promql, java.nio.charset.StandardCharsets.UTF_8);
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(
                    URI.create(url() + "/api/v1/query?query=" + q + "&time=" + (atMs / 1000.0)))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  @Override
  public void close() throws IOException {
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
