package io.augur.chaos.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.chaos.exec.FaultJournal;
import io.augur.chaos.exec.proxy.ChaosMainForTests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code augur chaos recover} as a process of its own, SIGTERMed while it watches a kill it
 * injected: the shutdown hook interrupts the run, the fault is reverted (the primary restarted),
 * the journal is empty and the report says ABORTED.
 */
@Tag("slow")
class RecoverSigtermIT {
  @TempDir Path dir;

  @Test
  void shouldRevertTheFaultAndReportAbortedWhenTheCommandGetsSigterm() throws Exception {
    int port = PrometheusServer.freePort();
    try (DemoProcesses demo = new DemoProcesses(dir)) {
      Path pPid = dir.resolve("primary.pid");
      List<String> restart = demo.startPrimary(dir, port, 120);
      long primaryPid = DemoProcesses.pid(pPid).orElseThrow();
      Path targets = dir.resolve("targets.yaml");
      DemoProcesses.writePrimaryTargets(targets, pPid, restart);
      // no standby: nothing ever takes over, so the run watches until it is stopped
      Path test =
          Files.writeString(
              dir.resolve("no-standby.yaml"),
              """
          name: no-standby
          trigger: {fault: pod-kill, target: orders-primary, replicas: 2}
          expectedRecovery: "< 5s"
          observeFor: 60s
          interval: 200ms
          validation:
            - name: someone-serves
              http: {url: "http://127.0.0.1:%d/", status: 200, timeout: 500ms}
          """
                  .formatted(port));
      Path out = dir.resolve("recover.out");
      Process cli =
          new ProcessBuilder(
                  DemoProcesses.JAVA,
                  "-XX:TieredStopAtLevel=1",
                  "-XX:+UseSerialGC",
                  "-cp",
                  System.getProperty("java.class.path"),
                  ChaosMainForTests.class.getName(),
                  "recover",
                  test.toString(),
                  "--targets",
                  targets.toString(),
                  "--apply",
                  "--metrics-file",
                  RepoFiles.deploy("chaos/recovery/healthy.yaml").toString(),
                  "--critical-window",
                  "any",
                  "--report-dir",
                  dir.resolve("reports").toString(),
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
        assertTrue(!DemoProcesses.alive(primaryPid), "the primary is down");
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
      demo.await(
          "primary serving again",
          () -> DemoProcesses.get("http://127.0.0.1:" + port + "/").equals("200 primary"),
          Duration.ofSeconds(60));
      String md = Files.readString(dir.resolve("reports/no-standby.md"));
      assertTrue(md.startsWith("# Recovery test no-standby: ABORTED"), md);
      assertTrue(md.contains("interrupted while watching; the fault was reverted"), md);
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
