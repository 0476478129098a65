package io.augur.job.alertmanager;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.augur.job.prometheus.PrometheusProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Alertmanager on 127.0.0.1 (random free port, temp dir, no gossip), routing everything to
 * a webhook. Can be stopped and started again on the same port. Skips when not installed.
 */
final class AlertmanagerProcess implements AutoCloseable {
  private final String bin;
  private final Path dir;
  final int port;
  private Process process;

  AlertmanagerProcess(String webhookUrl) throws Exception {
    bin = PrometheusProcess.binary("prometheus-alertmanager");
    assumeTrue(
        bin != null,
        "binary 'prometheus-alertmanager' not installed (apt-get install prometheus-alertmanager)");
    dir = Files.createTempDirectory("augur-am");
    port = PrometheusProcess.freePort();
    Files.writeString(
        dir.resolve("am.yml"),
        "route:\n  receiver: hook\n  group_by: ['alertname', 'component']\n"
            + "  group_wait: 100ms\n  group_interval: 500ms\n  repeat_interval: 1h\nreceivers:\n  - name: hook\n"
            + "    webhook_configs:\n      - url: "
            + webhookUrl
            + "\n        send_resolved: true\n");
    start();
  }

  void start() throws Exception {
    process =
        new ProcessBuilder(
                bin,
                "--config.file=" + dir.resolve("am.yml"),
                "--storage.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("am.log").toFile()))
            .start();
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
        // not yet
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "alertmanager exited: " + Files.readString(dir.resolve("am.log")));
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException(
        "alertmanager not ready: " + Files.readString(dir.resolve("am.log")));
  }

  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  /** GET /api/v2/alerts (active alerts) as raw JSON. */
  String alerts() throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url() + "/api/v2/alerts")).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /** The value of an unlabelled counter or gauge on GET /metrics; NaN when absent. */
  double metric(String name) throws Exception {
    String body =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    return body.lines()
        .filter(l -> l.startsWith(name + " "))
        .mapToDouble(l -> Double.parseDouble(l.substring(name.length() + 1).trim()))
        .findFirst()
        .orElse(Double.NaN);
  }

  @Override
  public void close() throws IOException {
    try {
      stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
