package io.augur.chaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.chaos.adaptive.Attempt;
import io.augur.chaos.adaptive.EffectivenessLog;
import io.augur.chaos.exec.proxy.ControlServer;
import io.augur.chaos.exec.proxy.FaultProxy;
import io.augur.chaos.exec.proxy.HostPort;
import io.augur.chaos.safety.HealthQuery;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RecoveryCommandTest {
  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = new CommandLine(new ChaosCommand());
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int code = cmd.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private Path healthy() throws Exception {
    return Files.writeString(
        dir.resolve("metrics.yaml"),
        "'" + HealthQuery.defaults().get(0).promql().replace("'", "''") + "': 0.0\n");
  }

  @Test
  void shouldPrintTheEffectivenessTableOfALog() {
    EffectivenessLog log = new EffectivenessLog(dir.resolve("eff.jsonl"));
    for (int i = 0; i < 4; i++) {
      log.append(
          new Attempt(
              "a" + i,
              "process-crash",
              "api",
              "standard",
              "failover",
              "local",
              true,
              200L + i,
              0,
              ""));
    }
    log.append(
        new Attempt(
            "b", "process-crash", "api", "standard", "restart", "local", false, null, 0, ""));
    Run r = run("recovery", "report", "--log", log.file().toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(
        r.out()
            .contains(
                "process-crash        failover       4    100.0% [47.8%,  99.5%]     0.20s -"),
        r.out());
    assertTrue(
        r.out().contains("process-crash        restart        1      0.0% [ 1.3%,  84.2%]"),
        r.out());
    assertTrue(r.out().contains("5 attempt(s)"), r.out());
    // Beta(5, 1) lower 2.5%: 0.025^(1/5) = 0.478; Beta(1, 2) upper 97.5%: 1 - sqrt(0.025) = 0.842
    Run empty = run("recovery", "report", "--log", dir.resolve("none.jsonl").toString());
    assertTrue(empty.out().startsWith("no recovery attempts"), empty.out());
  }

  @Test
  void shouldRecoverALocalServiceFromAnAlertmanagerWebhookThroughTheProxyControlApi()
      throws Exception {
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
    try (FaultProxy proxy =
            FaultProxy.start("api", new HostPort("127.0.0.1", 0), new HostPort("127.0.0.1", 9));
        ControlServer control = ControlServer.start(new HostPort("127.0.0.1", 0), List.of(proxy))) {
      Path services =
          Files.writeString(
              dir.resolve("services.yaml"),
              """
          services:
            - name: api
              proxyControl: %s
              proxy: api
              primary: {command: [python3, %s, "${PORT}"]}
              standby: {command: [python3, %s, "${PORT}"]}
              pidFile: api.pid
          """
                  .formatted(control.url(), script, script));
      Path webhook =
          Files.writeString(
              dir.resolve("webhook.json"),
              """
          {"version": "4", "status": "firing", "alerts": [
            {"status": "firing", "labels": {"alertname": "AugurFailurePredicted", "component": "api",
             "failure_mode": "process-crash", "namespace": "shop", "severity": "high"},
             "startsAt": "2026-12-02T10:00:00Z", "fingerprint": "abc123"},
            {"status": "resolved", "labels": {"alertname": "AugurFailurePredicted", "component": "db"}}]}
          """);
      String url = "http://127.0.0.1:" + proxy.listenAddress().getPort() + "/health";
      Path log = dir.resolve("eff.jsonl");
      try {
        Run r =
            run(
                "recovery",
                "respond",
                webhook.toString(),
                "--services",
                services.toString(),
                "--apply",
                "--health-url",
                url,
                "--allow-namespace",
                "shop",
                "--critical-window",
                "any",
                "--seed",
                "1",
                "--timeout",
                "PT15S",
                "--log",
                log.toString(),
                "--metrics-file",
                healthy().toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("abc123 (process-crash on shop/api): RECOVERED"), r.out());
        assertTrue(!r.out().contains("db"), "the resolved alert is not acted on: " + r.out());
        List<Attempt> attempts = new EffectivenessLog(log).read().attempts();
        assertEquals(1, attempts.size());
        assertTrue(
            attempts.get(0).success() && attempts.get(0).failureId().equals("abc123"),
            attempts.toString());
        assertTrue(
            !proxy.upstream().equals(new HostPort("127.0.0.1", 9)),
            "the proxy was rerouted: " + proxy);
        HttpResponse<String> got =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
        assertEquals("ok", got.body());
      } finally {
        Path pid = dir.resolve("api.pid");
        if (Files.exists(pid)) {
          ProcessHandle.of(Long.parseLong(Files.readString(pid).trim()))
              .ifPresent(ProcessHandle::destroyForcibly);
        }
      }
    }
  }

  @Test
  void shouldRefuseKubeSystemInADryRunAndNameBadInput() throws Exception {
    Path alert =
        Files.writeString(
            dir.resolve("alert.jsonl"),
            "{\"alertName\":\"AugurFailurePredicted\","
                + "\"component\":\"coredns\",\"labels\":{\"namespace\":\"kube-system\"},\"state\":\"FIRING\","
                + "\"prediction\":{\"failureMode\":\"memory-leak\"}}\n");
    Path services =
        Files.writeString(
            dir.resolve("s.yaml"),
            "services:\n  - name: coredns\n    proxyControl: "
                + "http://127.0.0.1:1\n    proxy: dns\n    primary: {command: [\"true\"]}\n");
    Run r =
        run(
            "recovery",
            "respond",
            alert.toString(),
            "--services",
            services.toString(),
            "--namespace",
            "kube-system",
            "--metrics-file",
            healthy().toString(),
            "--log",
            dir.resolve("eff.jsonl").toString());
    assertEquals(1, r.code(), r.out() + r.err());
    assertTrue(
        r.out().contains("REFUSED") && r.out().contains("namespace kube-system is never a target"),
        r.out());
    assertTrue(!Files.exists(dir.resolve("eff.jsonl")), "nothing recorded");

    Path bad =
        Files.writeString(
            dir.resolve("bad.jsonl"), "{\"alertName\":\"X\",\"labels\":{}}\n{\"x\":1}\n");
    Run b =
        run(
            "recovery",
            "respond",
            bad.toString(),
            "--services",
            services.toString(),
            "--metrics-file",
            healthy().toString());
    assertEquals(2, b.code());
    assertTrue(b.err().contains(bad + " line 1: the alert names no service"), b.err());
  }

  @Test
  void shouldListenForWebhooksAndPrintEachDryRunResponseUntilStopped() throws Exception {
    Path services =
        Files.writeString(
            dir.resolve("s.yaml"),
            "services:\n  - name: api\n    proxyControl: "
                + "http://127.0.0.1:1\n    proxy: api\n    primary: {command: [\"true\"]}\n    standby: {command: [\"true\"]}\n");
    int port;
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    StringWriter out = new StringWriter();
    int[] code = {-1};
    Path metrics = healthy();
    Thread t =
        new Thread(
            () -> {
              CommandLine cmd = new CommandLine(new ChaosCommand());
              cmd.setOut(new PrintWriter(out, true));
              cmd.setErr(new PrintWriter(out, true));
              code[0] =
                  cmd.execute(
                      "recovery",
                      "respond",
                      "--listen",
                      "127.0.0.1:" + port,
                      "--services",
                      services.toString(),
                      "--namespace",
                      "shop",
                      "--critical-window",
                      "any",
                      "--seed",
                      "4",
                      "--metrics-file",
                      metrics.toString(),
                      "--log",
                      dir.resolve("eff.jsonl").toString());
            });
    t.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!out.toString().contains("listening") && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(
        out.toString()
            .contains(
                "listening for Alertmanager webhooks on http://127.0.0.1:" + port + "/ (dry run"),
        out.toString());
    String payload =
        "{\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\",\"fingerprint\":\"f00d\","
            + "\"labels\":{\"alertname\":\"AugurFailurePredicted\",\"component\":\"api\",\"failure_mode\":\"pod-kill\"}}]}";
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                    .POST(HttpRequest.BodyPublishers.ofString(payload))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(202, r.statusCode(), r.body());
    assertEquals("{\"failures\":1,\"queued\":1}", r.body());
    HttpResponse<String> bad =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"alerts\":3}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(400, bad.statusCode());
    assertTrue(bad.body().contains("\\\"alerts\\\" must be a list"), bad.body());
    while (!out.toString().contains("f00d (pod-kill on shop/api): DRY_RUN")
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(out.toString().contains("f00d (pod-kill on shop/api): DRY_RUN"), out.toString());
    t.interrupt();
    t.join(10_000);
    assertEquals(0, code[0], out.toString());
    assertTrue(!Files.exists(dir.resolve("eff.jsonl")), "a dry run records nothing");
  }
}
