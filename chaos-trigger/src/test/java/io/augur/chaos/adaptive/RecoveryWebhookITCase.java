package io.augur.chaos.adaptive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.augur.chaos.exec.proxy.FaultProxy;
import io.augur.chaos.exec.proxy.HostPort;
import io.augur.chaos.recovery.CheckContext;
import io.augur.chaos.recovery.HttpCheck;
import io.augur.chaos.safety.HealthGate;
import io.augur.chaos.safety.PreflightCheck;
import io.augur.chaos.safety.SafetyGates;
import io.augur.chaos.safety.SafetyPolicy;
import io.augur.domain.Sleeper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Alertmanager (Debian's, on 127.0.0.1) routes an Augur alert to the recovery webhook, which
 * recovers a real local service behind the fault proxy and records the attempt once, however often
 * Alertmanager re-sends the group.
 */
class RecoveryWebhookITCase {
  @TempDir Path dir;

  @Test
  void shouldRecoverTheServiceAnAlertmanagerAlertNamesAndRecordItOnce() throws Exception {
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/prometheus-alertmanager")),
        "binary 'prometheus-alertmanager' not installed (apt-get install prometheus-alertmanager)");
    Path script =
        Files.writeString(
            dir.resolve("svc.py"),
            """
        import sys
        from http.server import BaseHTTPRequestHandler, HTTPServer
        class H(BaseHTTPRequestHandler):
            def do_GET(self):
                self.send_response(200); self.send_header("Content-Length", "2"); self.end_headers()
                self.wfile.write(b"ok")
            def log_message(self, *a): pass
        HTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
        """);
    ProcessSpec spec =
        new ProcessSpec(List.of("python3", script.toString(), "${PORT}"), null, Map.of());
    EffectivenessLog log = new EffectivenessLog(dir.resolve("eff.jsonl"));
    List<String> lines = new CopyOnWriteArrayList<>();
    SafetyGates gates =
        new SafetyGates(
            SafetyPolicy.defaults(Set.of("shop")).withWindows(List.of(), List.of()),
            new HealthGate(q -> OptionalDouble.of(0.0)),
            List.of(PreflightCheck.minReplicasForDestructive()),
            Clock.systemUTC());
    try (FaultProxy proxy =
            FaultProxy.start("api", new HostPort("127.0.0.1", 0), new HostPort("127.0.0.1", 9));
        LocalRecoveryActions actions =
            new LocalRecoveryActions(
                List.of(
                    new LocalRecoveryActions.Service(
                        "api", spec, spec, spec, Router.of(proxy), null, 4)),
                false)) {
      URI health = URI.create("http://127.0.0.1:" + proxy.listenAddress().getPort() + "/health");
      HttpCheck check = new HttpCheck(health, 200, "ok", Duration.ofSeconds(1));
      RecoveryResponder responder =
          new RecoveryResponder(
              gates,
              actions,
              new StrategyChooser(StrategyChooser.Config.DEFAULT, new Random(5)),
              log,
              Clock.systemUTC(),
              Sleeper.REAL,
              new RecoveryResponder.Options(
                  Duration.ofSeconds(10), Duration.ofMillis(50), 2, 100, null, true));
      try (RecoveryWebhook hook =
              RecoveryWebhook.start(
                  new HostPort("127.0.0.1", 0),
                  responder,
                  () -> check.evaluate(CheckContext.of(null)),
                  "default",
                  Set.of(),
                  Duration.ofMinutes(5),
                  Clock.systemUTC(),
                  lines::add);
          Alertmanager am = new Alertmanager(dir, hook.url().toString())) {
        String alert =
            "[{\"labels\":{\"alertname\":\"AugurFailurePredicted\",\"component\":\"api\","
                + "\"failure_mode\":\"process-crash\",\"namespace\":\"shop\",\"severity\":\"high\"},\"startsAt\":\""
                + Instant.now()
                + "\"}]";
        HttpResponse<String> posted =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(URI.create(am.url() + "/api/v2/alerts"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(alert))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        assertEquals(200, posted.statusCode(), posted.body());
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (log.read().attempts().isEmpty() && System.nanoTime() < deadline) {
          Thread.sleep(100);
        }
        List<Attempt> attempts = log.read().attempts();
        assertEquals(1, attempts.size(), "lines: " + lines);
        Attempt a = attempts.get(0);
        assertTrue(
            a.success() && a.failureType().equals("process-crash") && a.service().equals("api"),
            a.toString());
        assertTrue(
            a.failureId().matches("[0-9a-f]{16}"), "Alertmanager's fingerprint: " + a.failureId());
        assertTrue(
            check.evaluate(CheckContext.of(null)).held(), "the service answers through the proxy");
        Thread.sleep(2_000); // Alertmanager re-sends the group every 500 ms
        assertEquals(1, log.read().attempts().size(), "acted on once: " + lines);
      }
    }
  }

  /**
   * Debian's Alertmanager on a free port, no gossip, routing everything to one webhook every 500
   * ms.
   */
  private static final class Alertmanager implements AutoCloseable {
    private final Process process;
    private final int port;

    Alertmanager(Path dir, String webhook) throws Exception {
      try (java.net.ServerSocket s =
          new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        port = s.getLocalPort();
      }
      Path cfg =
          Files.writeString(
              dir.resolve("am.yml"),
              "route:\n  receiver: hook\n  group_by: ['alertname', "
                  + "'component']\n  group_wait: 100ms\n  group_interval: 500ms\n  repeat_interval: 500ms\nreceivers:\n"
                  + "  - name: hook\n    webhook_configs:\n      - url: "
                  + webhook
                  + "\n");
      process =
          new ProcessBuilder(
                  "/usr/bin/prometheus-alertmanager",
                  "--config.file=" + cfg,
                  "--storage.path=" + dir.resolve("am-data"),
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
      process.destroyForcibly();
      throw new IllegalStateException(
          "alertmanager not ready: " + Files.readString(dir.resolve("am.log")));
    }

    String url() {
      return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }
}
