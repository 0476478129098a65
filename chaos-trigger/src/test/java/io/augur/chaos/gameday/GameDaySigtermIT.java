package io.augur.chaos.gameday;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.augur.chaos.exec.FaultJournal;
import io.augur.chaos.exec.proxy.ChaosMainForTests;
import io.augur.chaos.loop.OutcomeLog;
import io.augur.chaos.recovery.DemoProcesses;
import io.augur.chaos.recovery.PrometheusServer;
import io.augur.chaos.recovery.RepoFiles;
import io.augur.domain.ExperimentOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code augur chaos gameday} as a process of its own, SIGTERMed while the fault it injected is in
 * effect: the signal guard interrupts the game day, the fault is reverted (the primary restarted),
 * the journal is empty, and the report and the outcome log say ABORTED.
 */
@Tag("slow")
class GameDaySigtermIT {
  @TempDir Path dir;

  @Test
  void shouldRevertAndReportAbortedWhenTheCommandGetsSigterm() throws Exception {
    int port = PrometheusServer.freePort();
    try (DemoProcesses demo = new DemoProcesses(dir)) {
      Path pPid = dir.resolve("primary.pid");
      List<String> restart = demo.startPrimary(dir, port, 120);
      long primaryPid = DemoProcesses.pid(pPid).orElseThrow();
      Path targets = dir.resolve("targets.yaml");
      DemoProcesses.writePrimaryTargets(targets, pPid, restart);
      Path scenario =
          Files.writeString(
              dir.resolve("long.yaml"),
              """
          name: long-drill
          interval: 200ms
          phases:
            - name: failure-injection
              duration: 60s
              actions:
                - inject: {name: kill-primary, fault: pod-kill, target: orders-primary, replicas: 2, until: recovery}
            - name: recovery
              duration: 60s
          """);
      Path out = dir.resolve("gameday.out");
      Process cli =
          new ProcessBuilder(
                  DemoProcesses.JAVA,
                  "-XX:TieredStopAtLevel=1",
                  "-XX:+UseSerialGC",
                  "-cp",
                  System.getProperty("java.class.path"),
                  ChaosMainForTests.class.getName(),
                  "gameday",
                  scenario.toString(),
                  "--targets",
                  targets.toString(),
                  "--metrics-file",
                  RepoFiles.deploy("chaos/recovery/healthy.yaml").toString(),
                  "--critical-window",
                  "any",
                  "--out",
                  dir.resolve("report").toString(),
                  "--journal",
                  dir.resolve("journal").toString(),
                  "--fail-on-violation")
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      try {
        demo.await(
            "the kill injected",
            () -> read(out).contains("injected pod-kill"),
            Duration.ofSeconds(60));
        assertEquals(
            1,
            new FaultJournal(dir.resolve("journal")).read().faults().size(),
            "journalled while in effect");
        assertFalse(DemoProcesses.alive(primaryPid), "the primary is down");
        cli.destroy(); // SIGTERM
        assertTrue(
            cli.waitFor(30, TimeUnit.SECONDS), "the command ends after SIGTERM: " + read(out));
      } finally {
        cli.destroyForcibly();
      }
      String o = read(out);
      assertTrue(o.contains("reverted "), o);
      assertTrue(
          new FaultJournal(dir.resolve("journal")).read().faults().isEmpty(),
          "journal empty: " + o);
      demo.await(
          "primary restarted by the revert",
          () ->
              DemoProcesses.pid(pPid)
                  .filter(p -> p != primaryPid)
                  .filter(DemoProcesses::alive)
                  .isPresent(),
          Duration.ofSeconds(30));
      JsonNode r = new ObjectMapper().readTree(dir.resolve("report/long-drill.json").toFile());
      assertEquals("ABORTED", r.path("status").asText(), o);
      assertTrue(r.path("abortReason").asText().contains("interrupted"), r.toString());
      assertEquals(1, r.path("phases").size(), "recovery never started");
      assertTrue(r.path("faults").get(0).path("reverted").asBoolean());
      assertTrue(
          Files.readString(dir.resolve("report/long-drill.md"))
              .startsWith("# Game day long-drill: ABORTED"));
      List<ExperimentOutcome> logged =
          new OutcomeLog(dir.resolve("report/outcomes.jsonl")).read().outcomes();
      assertEquals(1, logged.size());
      assertEquals(ExperimentOutcome.Status.ABORTED, logged.get(0).status());
    }
  }

  private static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (java.io.IOException e) {
      return "";
    }
  }
}
