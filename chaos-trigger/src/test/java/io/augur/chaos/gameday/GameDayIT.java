package io.augur.chaos.gameday;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.augur.chaos.cli.ChaosCommand;
import io.augur.chaos.exec.FaultJournal;
import io.augur.chaos.loop.OutcomeLog;
import io.augur.chaos.recovery.DemoProcesses;
import io.augur.chaos.recovery.PrometheusServer;
import io.augur.chaos.recovery.RepoFiles;
import io.augur.chart.TimeChart;
import io.augur.domain.ExperimentOutcome;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code augur chaos gameday} end to end on the local executor: the shipped example (short phases)
 * against two real FailoverNode processes and a real Prometheus scraping them, notifications to the
 * test's own Alertmanager-API receiver; and a scenario whose abort condition fires while its fault
 * is in effect. The fault (a SIGKILL of the primary) is real, and so are its revert (the primary
 * restarted), the checks, the outcome log and the report files.
 */
@Tag("slow")
class GameDayIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final List<String> received = Collections.synchronizedList(new ArrayList<>());

  private int run(String... args) {
    return new CommandLine(new ChaosCommand())
        .setOut(new PrintWriter(out))
        .setErr(new PrintWriter(err))
        .execute(args);
  }

  /**
   * A receiver of Alertmanager's POST /api/v2/alerts on 127.0.0.1 (records the bodies, answers
   * 200).
   */
  private HttpServer receiver() throws Exception {
    HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    s.createContext(
        "/api/v2/alerts",
        ex -> {
          received.add(
              ex.getRequestMethod()
                  + " "
                  + new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          ex.sendResponseHeaders(200, -1);
          ex.close();
        });
    s.start();
    return s;
  }

  /** Primary then standby on {@code port}; a targets file whose restart brings the primary back. */
  private Path startPair(DemoProcesses demo, int port) throws Exception {
    Path pPid = dir.resolve("primary.pid");
    List<String> primary = demo.startPrimary(dir, port, 150);
    demo.startStandby(dir, port, 150);
    return DemoProcesses.writePrimaryTargets(dir.resolve("targets.yaml"), pPid, primary);
  }

  private List<String> common(PrometheusServer prom, Path targets) {
    return List.of(
        "--targets",
        targets.toString(),
        "--prometheus",
        prom.base().toString(),
        "--config",
        RepoFiles.deploy("chaos/gameday/local-config.yaml").toString(),
        "--critical-window",
        "any",
        "--journal",
        dir.resolve("journal").toString(),
        "--out",
        dir.resolve("report").toString());
  }

  @Test
  void shouldRunTheExampleGameDayPhaseByPhaseAndReportItsTimeline() throws Exception {
    int port = PrometheusServer.freePort();
    try (DemoProcesses demo = new DemoProcesses(dir);
        PrometheusServer prom =
            PrometheusServer.start(dir, Map.of("orders", "127.0.0.1:" + port), List.of())) {
      Path targets = startPair(demo, port);
      long primaryPid = DemoProcesses.pid(dir.resolve("primary.pid")).orElseThrow();
      prom.await(
          "the primary scraped",
          () ->
              prom.client()
                  .query("augur_demo_serving{job=\"orders\",node=\"primary\"} == 1")
                  .isPresent(),
          Duration.ofSeconds(30));
      HttpServer am = receiver();
      try {
        List<String> args =
            new ArrayList<>(
                List.of(
                    "gameday",
                    RepoFiles.deploy("chaos/gameday/example.yaml").toString(),
                    "--fail-on-violation",
                    "--set",
                    "port=" + port,
                    "--set",
                    "pidDir=" + dir,
                    "--set",
                    "alertmanager=http://127.0.0.1:" + am.getAddress().getPort(),
                    "--set",
                    "preparation=3s",
                    "--set",
                    "injection=7s",
                    "--set",
                    "response=4s",
                    "--set",
                    "recovery=5s",
                    "--set",
                    "interval=250ms"));
        args.addAll(common(prom, targets));

        int exit = run(args.toArray(String[]::new));

        assertEquals(0, exit, out + "\n" + err + demo.logs());
      } finally {
        am.stop(0);
      }
      // the fault was real and reverted: the primary was killed, restarted by the revert, the
      // journal is empty
      assertFalse(DemoProcesses.alive(primaryPid), "the primary was killed");
      long restarted = DemoProcesses.pid(dir.resolve("primary.pid")).orElseThrow();
      assertTrue(
          restarted != primaryPid && DemoProcesses.alive(restarted),
          "the revert restarted the primary");
      assertTrue(new FaultJournal(dir.resolve("journal")).read().faults().isEmpty());
      assertEquals(
          "200 standby",
          DemoProcesses.get("http://127.0.0.1:" + port + "/"),
          "the standby keeps the port");

      JsonNode r = JSON.readTree(dir.resolve("report/orders-failover-drill.json").toFile());
      assertEquals("PASSED", r.path("status").asText(), r.toPrettyString());
      long t0 = r.path("startedAtMs").asLong();
      List<String> order = new ArrayList<>();
      r.path("phases").forEach(p -> order.add(p.path("name").asText()));
      assertEquals(Scenario.PHASES, order, "phases in order");
      long[] planned = {3000, 7000, 4000, 5000};
      long prevEnd = t0;
      for (int i = 0; i < 4; i++) {
        JsonNode p = r.path("phases").get(i);
        long start = p.path("startedAtMs").asLong();
        long end = p.path("endedAtMs").asLong();
        assertTrue(start >= prevEnd, "phase " + i + " starts after the previous ends");
        assertTrue(
            end - start >= planned[i], "phase " + i + " lasted its duration: " + (end - start));
        assertTrue(
            end - start < planned[i] + 5000,
            "phase " + i + " did not overrun much: " + (end - start));
        assertTrue(p.path("completed").asBoolean());
        prevEnd = end;
      }
      JsonNode injection = r.path("phases").get(1);
      JsonNode recovery = r.path("phases").get(3);
      JsonNode fault = r.path("faults").get(0);
      assertEquals(1, r.path("faults").size());
      assertEquals("pod-kill", fault.path("fault").asText());
      assertTrue(fault.path("reverted").asBoolean());
      long injectedAt = fault.path("injectedAtMs").asLong();
      long revertedAt = fault.path("revertedAtMs").asLong();
      assertTrue(
          injectedAt - injection.path("startedAtMs").asLong() >= 1000,
          "injected at 1s into the phase");
      assertTrue(
          revertedAt >= recovery.path("startedAtMs").asLong()
              && revertedAt < recovery.path("endedAtMs").asLong(),
          "reverted as the recovery phase started (until: recovery)");
      // each validation held, in its phase; the standby took over after the kill
      for (JsonNode p : r.path("phases")) {
        for (JsonNode v : p.path("validations")) {
          assertTrue(v.path("held").asBoolean(), v.toString());
          assertTrue(v.path("heldFromMs").asLong() >= p.path("startedAtMs").asLong(), v.toString());
        }
      }
      JsonNode takeover = injection.path("validations").get(0);
      assertEquals("standby-takes-over", takeover.path("name").asText());
      assertTrue(
          takeover.path("heldFromMs").asLong() >= injectedAt,
          "held only after the kill: " + takeover);
      // snapshots read the real Prometheus: the baseline saw the primary serving
      JsonNode baseline = r.path("snapshots").get(0);
      assertEquals(
          1.0,
          baseline.path("values").path("primary-serving").asDouble(),
          1e-9,
          baseline.toString());
      // the key metric was sampled through the run and went from 0 (primary) to 1 (standby)
      JsonNode samples = r.path("keyMetricSamples");
      assertTrue(samples.size() > 20, "samples: " + samples.size());
      assertEquals(0.0, samples.get(0).path("value").asDouble(), 1e-9);
      assertEquals(1.0, samples.get(samples.size() - 1).path("value").asDouble(), 1e-9);
      // participants were notified through the Alertmanager API, twice
      assertEquals(2, received.size(), received.toString());
      assertTrue(
          received.get(0).startsWith("POST [")
              && received.get(0).contains("\"alertname\":\"AugurGameDay\"")
              && received.get(0).contains("\"phase\":\"preparation\""),
          received.get(0));
      assertTrue(
          received.get(1).contains("\"phase\":\"recovery\"")
              && received.get(1).contains("primary restored"));

      String md = Files.readString(dir.resolve("report/orders-failover-drill.md"));
      assertTrue(md.startsWith("# Game day orders-failover-drill: PASSED"), md);
      assertTrue(
          md.indexOf("| preparation | +") < md.indexOf("| failure-injection | +")
              && md.indexOf("| failure-injection | +") < md.indexOf("| response | +")
              && md.indexOf("| response | +") < md.indexOf("| recovery | +"),
          md);
      assertTrue(
          md.contains(
              "| kill-primary | pod-kill | orders-primary | +"
                  + GameDayReport.secs(injectedAt - t0)
                  + " | +"
                  + GameDayReport.secs(revertedAt - t0)
                  + " | yes |"),
          md);
      assertTrue(
          md.contains(
              "| failure-injection | standby-takes-over | GET http://127.0.0.1:"
                  + port
                  + "/ -> 200"),
          md);
      assertTrue(md.contains("| baseline | primary-serving | 1.00000 |"), md);
      assertTrue(md.contains("| route-clients |") && md.contains("| ok: "), md);

      BufferedImage png = ImageIO.read(dir.resolve("report/orders-failover-drill.png").toFile());
      assertEquals(GameDayReport.PNG_WIDTH, png.getWidth());
      assertEquals(
          GameDayReport.chart(JSON.treeToValue(r, GameDayResult.class)).height(), png.getHeight());
      int drawn = 0;
      for (int x = 0; x < png.getWidth(); x += 2) {
        for (int y = 0; y < png.getHeight(); y += 2) {
          drawn +=
              (png.getRGB(x, y) & 0xffffff) != (TimeChart.BACKGROUND.getRGB() & 0xffffff) ? 1 : 0;
        }
      }
      assertTrue(drawn > png.getWidth() * png.getHeight() / 4 / 10, "at least 10% drawn: " + drawn);

      List<ExperimentOutcome> logged =
          new OutcomeLog(dir.resolve("report/outcomes.jsonl")).read().outcomes();
      assertEquals(1, logged.size());
      assertEquals(ExperimentOutcome.Status.PASSED, logged.get(0).status());
      assertEquals("pod-kill", logged.get(0).experimentType());
      assertEquals(fault.path("planId").asText(), logged.get(0).planId());
      System.out.println("game day: " + out);
    }
  }

  @Test
  void shouldAbortTheWholeGameDayAndRevertWhenAnAbortConditionHolds() throws Exception {
    int port = PrometheusServer.freePort();
    try (DemoProcesses demo = new DemoProcesses(dir);
        PrometheusServer prom =
            PrometheusServer.start(dir, Map.of("orders", "127.0.0.1:" + port), List.of())) {
      Path targets = startPair(demo, port);
      long primaryPid = DemoProcesses.pid(dir.resolve("primary.pid")).orElseThrow();
      prom.await(
          "the primary scraped",
          () ->
              prom.client()
                  .query("augur_demo_serving{job=\"orders\",node=\"primary\"} == 1")
                  .isPresent(),
          Duration.ofSeconds(30));
      Path scenario =
          Files.writeString(
              dir.resolve("abort.yaml"),
              """
          name: abort-drill
          interval: 250ms
          keyMetric: {name: standby-serving, promql: 'max(augur_demo_serving{job="orders",node="standby"}) or vector(0)'}
          abort:
            - name: standby-took-over
              promql: 'max(augur_demo_serving{job="orders",node="standby"}) or vector(0) > 0.5'
              for: 500ms
          phases:
            - name: failure-injection
              duration: 30s
              actions:
                - inject: {name: kill-primary, fault: pod-kill, target: orders-primary, replicas: 2}
            - name: recovery
              duration: 30s
          """);
      List<String> args =
          new ArrayList<>(List.of("gameday", scenario.toString(), "--fail-on-violation"));
      args.addAll(common(prom, targets));
      long started = System.currentTimeMillis();

      int exit = run(args.toArray(String[]::new));

      long took = System.currentTimeMillis() - started;
      assertEquals(1, exit, out + "\n" + err);
      assertTrue(took < 25_000, "aborted long before the 60 s the phases plan: " + took + "ms");
      JsonNode r = JSON.readTree(dir.resolve("report/abort-drill.json").toFile());
      assertEquals("ABORTED", r.path("status").asText());
      assertTrue(
          r.path("abortReason").asText().contains("standby-took-over"),
          r.path("abortReason").asText());
      assertEquals(1, r.path("phases").size(), "the recovery phase never started");
      assertFalse(r.path("phases").get(0).path("completed").asBoolean());
      JsonNode fault = r.path("faults").get(0);
      assertTrue(fault.path("reverted").asBoolean());
      assertNotNull(fault.path("revertedAtMs"));
      assertFalse(DemoProcesses.alive(primaryPid));
      demo.await(
          "primary restarted by the revert",
          () ->
              DemoProcesses.pid(dir.resolve("primary.pid"))
                  .filter(p -> p != primaryPid)
                  .filter(DemoProcesses::alive)
                  .isPresent(),
          Duration.ofSeconds(10));
      assertTrue(new FaultJournal(dir.resolve("journal")).read().faults().isEmpty());
      String md = Files.readString(dir.resolve("report/abort-drill.md"));
      assertTrue(
          md.contains("**Aborted:** abort condition at ") && md.contains("standby-took-over"), md);
      List<ExperimentOutcome> logged =
          new OutcomeLog(dir.resolve("report/outcomes.jsonl")).read().outcomes();
      assertEquals(ExperimentOutcome.Status.ABORTED, logged.get(0).status());
    }
  }
}
