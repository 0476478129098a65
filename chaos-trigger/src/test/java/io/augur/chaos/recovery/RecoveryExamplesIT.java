package io.augur.chaos.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.augur.chaos.cli.ChaosCommand;
import io.augur.chaos.exec.FaultJournal;
import io.augur.chaos.exec.local.LocalExecutor;
import io.augur.chaos.exec.local.LocalTarget;
import io.augur.chaos.exec.local.LocalTargets;
import io.augur.chaos.prom.InMemoryMetricsSource;
import io.augur.chaos.safety.HealthGate;
import io.augur.chaos.safety.HealthQuery;
import io.augur.chaos.safety.PreflightCheck;
import io.augur.chaos.safety.SafetyGates;
import io.augur.chaos.safety.SafetyPolicy;
import io.augur.domain.Sleeper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The shipped examples under deploy/chaos/recovery, end to end on the local executor against the
 * demo services as real processes: a primary SIGKILLed and its standby taking over the port, and a
 * writer's disk filled (a 1200 MiB tmpfs) and the writer recovering after the cleanup. The fault is
 * real, and so are its revert, the checks and the report files.
 */
@Tag("slow")
class RecoveryExamplesIT {
  private static final long MIB = 1L << 20;
  private static final InMemoryMetricsSource HEALTHY =
      new InMemoryMetricsSource().set(HealthQuery.defaults().get(0).promql(), 0.0);
  @TempDir Path dir;
  private final List<String> lines = new ArrayList<>();

  private static SafetyGates gates() {
    SafetyPolicy policy = SafetyPolicy.defaults(Set.of("local")).withWindows(List.of(), List.of());
    InMemoryMetricsSource healthy =
        new InMemoryMetricsSource().set(HealthQuery.defaults().get(0).promql(), 0.0);
    return new SafetyGates(
        policy,
        new HealthGate(healthy),
        List.of(PreflightCheck.minReplicasForDestructive()),
        Clock.systemUTC());
  }

  private RecoveryRun run(LocalTargets targets) {
    return new RecoveryRun(
        gates(),
        LocalExecutor.standard(targets, Clock.systemUTC()),
        new FaultJournal(dir.resolve("journal")),
        CheckContext.of(null),
        HEALTHY,
        Clock.systemUTC(),
        Sleeper.REAL,
        null,
        lines::add);
  }

  record Cmd(boolean ok, String output) {}

  private static Cmd cmd(List<String> argv) throws Exception {
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    boolean done = p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly();
    }
    return new Cmd(done && p.exitValue() == 0, out.trim());
  }

  private static int freePort() throws Exception {
    return PrometheusServer.freePort();
  }

  /** Starts primary and standby on {@code port}; returns the primary's restart argv. */
  private static List<String> startPair(DemoProcesses demo, Path dir, int port) throws Exception {
    Path pPid = dir.resolve("primary.pid");
    List<String> primary = demo.startPrimary(dir, port, 120);
    demo.startStandby(dir, port, 120);
    return primary;
  }

  @Test
  void shouldPassPrimaryFailoverWhenTheStandbyTakesOverWithinFiveSeconds() throws Exception {
    int port = freePort();
    try (DemoProcesses demo = new DemoProcesses(dir)) {
      List<String> restart = startPair(demo, dir, port);
      Path pPid = dir.resolve("primary.pid");
      long primaryPid = DemoProcesses.pid(pPid).orElseThrow();
      LocalTargets targets =
          new LocalTargets(
              List.of(
                  new LocalTarget(
                      "orders-primary", null, pPid, restart, null, null, null, null, null)));
      RecoveryTest test =
          RecoveryTestFile.read(
              RepoFiles.deploy("chaos/recovery/primary-failover.yaml"),
              Map.of("port", Integer.toString(port)));

      RecoveryResult r = run(targets).run(test);

      assertEquals(
          RecoveryResult.Status.PASSED, r.status(), r.violations() + " " + lines + demo.logs());
      assertTrue(r.measuredRecoveryMs() < 5000, "recovered in " + r.measuredRecoveryMs() + "ms");
      assertTrue(r.validation().stream().allMatch(StepResult::held));
      assertTrue(r.validation().get(0).heldDetail().contains("standby"), r.validation().toString());
      assertTrue(r.reverted());
      assertTrue(new FaultJournal(dir.resolve("journal")).read().faults().isEmpty());
      assertTrue(!DemoProcesses.alive(primaryPid), "the primary was killed");
      assertEquals(
          "200 standby",
          DemoProcesses.get("http://127.0.0.1:" + port + "/"),
          "the standby keeps the port");
      demo.await(
          "primary restarted by the revert",
          () ->
              DemoProcesses.pid(pPid)
                  .filter(p -> p != primaryPid)
                  .filter(DemoProcesses::alive)
                  .isPresent(),
          Duration.ofSeconds(30));
      System.out.println(
          "primary-failover: recovered in " + r.measuredRecoveryMs() + "ms " + lines);

      List<Path> files = RecoveryReport.write(dir.resolve("report"), r);
      String md = Files.readString(files.get(0));
      assertTrue(md.startsWith("# Recovery test primary-failover: PASSED"), md);
      assertTrue(
          md.contains(
              "| standby-serves | GET http://127.0.0.1:"
                  + port
                  + "/ -> 200, body contains \"standby\" | 2.0s | yes |"),
          md);
      assertTrue(md.contains("| Trigger | pod-kill on orders-primary |"), md);
      JsonNode json = new ObjectMapper().readTree(files.get(1).toFile());
      assertEquals("PASSED", json.path("status").asText());
      assertEquals(r.measuredRecoveryMs().longValue(), json.path("measuredRecoveryMs").asLong());
      assertEquals("client-gets-an-answer", json.path("validation").get(1).path("name").asText());
      assertTrue(
          json.path("validation").get(1).path("heldDetail").asText().startsWith("exit 0"),
          json.toString());
      String prom = RecoveryReport.prometheus(r, test.observeFor().toMillis());
      assertTrue(
          prom.contains(
              "augur_recovery_recovered{test=\"primary-failover\",service=\"orders\"} 1\n"),
          prom);
      assertTrue(
          prom.contains(
              "augur_recovery_expected_seconds{test=\"primary-failover\",service=\"orders\"} 5\n"),
          prom);
    }
  }

  @Test
  void shouldPassDiskFullWriterWhenTheWriterReportsTheFullDiskAndRecoversAfterCleanup()
      throws Exception {
    Path disk = Files.createDirectories(dir.resolve("disk"));
    Cmd mount =
        cmd(
            List.of(
                "mount",
                "-t",
                "tmpfs",
                "-o",
                "size=1200m",
                "augur-recovery-test",
                disk.toString()));
    assumeTrue(
        mount.ok(), "cannot mount a 1200 MiB tmpfs for the disk-fill example: " + mount.output());
    try (DemoProcesses demo = new DemoProcesses(dir)) {
      int port = freePort();
      Path pid = dir.resolve("writer.pid");
      demo.start(
          "writer",
          pid,
          DemoProcesses.argv(
              "DiskWriter",
              disk.toString(),
              Integer.toString(port),
              Long.toString(1100 * MIB),
              pid.toString(),
              "120"));
      demo.await(
          "writer healthy",
          () -> DemoProcesses.get("http://127.0.0.1:" + port + "/health").startsWith("200 ok"),
          Duration.ofSeconds(60));
      LocalTargets targets =
          new LocalTargets(
              List.of(
                  new LocalTarget(
                      "ingest-writer", null, null, List.of(), null, null, null, null, disk)));
      RecoveryTest test =
          RecoveryTestFile.read(
              RepoFiles.deploy("chaos/recovery/disk-full-writer.yaml"),
              Map.of("port", Integer.toString(port)));

      RecoveryResult r = run(targets).run(test);

      assertEquals(
          RecoveryResult.Status.PASSED, r.status(), r.violations() + " " + lines + demo.logs());
      StepResult full = r.expectedBehaviours().get(0);
      assertTrue(
          full.held() && full.heldDetail().contains("disk full: refusing writes"), full.toString());
      assertTrue(r.measuredRecoveryMs() < 5000, "recovered in " + r.measuredRecoveryMs() + "ms");
      assertTrue(
          r.validation().get(0).heldFromMs() >= r.revertedAtMs(),
          "recovery counted from the cleanup");
      try (var files = Files.list(disk)) {
        assertEquals(
            List.of("writer.log"),
            files.map(f -> f.getFileName().toString()).toList(),
            "the fill is gone");
      }
      assertTrue(Files.getFileStore(disk).getUsableSpace() > 1190 * MIB);
      System.out.println(
          "disk-full-writer: full seen after "
              + full.afterMs()
              + "ms, recovered "
              + r.measuredRecoveryMs()
              + "ms after cleanup "
              + lines);
      String md = RecoveryReport.markdown(r);
      assertTrue(md.contains("## Expected behaviours (while the fault was in effect)"), md);
      assertTrue(md.contains("| writer-reports-disk-full |"), md);
    } finally {
      cmd(List.of("umount", disk.toString()));
    }
  }

  @Test
  void shouldExitNonZeroFromTheCommandLineWhenRecoveryIsSlowerThanExpected() throws Exception {
    int port = freePort();
    try (DemoProcesses demo = new DemoProcesses(dir)) {
      List<String> restart = startPair(demo, dir, port);
      Path targets = dir.resolve("targets.yaml");
      new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
          .writeValue(
              targets.toFile(),
              Map.of(
                  "targets",
                  List.of(
                      Map.of(
                          "name",
                          "orders-primary",
                          "pidFile",
                          dir.resolve("primary.pid").toString(),
                          "restart",
                          restart))));
      // the shipped example, expecting a recovery no failover can make: 1 ms
      Path strict =
          Files.writeString(
              dir.resolve("strict.yaml"),
              Files.readString(RepoFiles.deploy("chaos/recovery/primary-failover.yaml"))
                  .replace("expectedRecovery: \"< 5s\"", "expectedRecovery: \"< 1ms\""));
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CommandLine cli =
          new CommandLine(new ChaosCommand())
              .setOut(new PrintWriter(out))
              .setErr(new PrintWriter(err));
      Path textfile = dir.resolve("recovery.prom");
      int exit =
          cli.execute(
              "recover",
              strict.toString(),
              "--targets",
              targets.toString(),
              "--apply",
              "--fail-on-violation",
              "--set",
              "port=" + port,
              "--metrics-file",
              RepoFiles.deploy("chaos/recovery/healthy.yaml").toString(),
              "--critical-window",
              "any",
              "--report-dir",
              dir.resolve("reports").toString(),
              "--journal",
              dir.resolve("cli-journal").toString(),
              "--metrics-textfile",
              textfile.toString(),
              "--outcomes",
              dir.resolve("outcomes.jsonl").toString());

      assertEquals(1, exit, out + "\n" + err + demo.logs());
      assertTrue(out.toString().contains("primary-failover: VIOLATED"), out.toString());
      assertTrue(out.toString().contains("violation: recovery took "), out.toString());
      String md = Files.readString(dir.resolve("reports/primary-failover.md"));
      assertTrue(md.startsWith("# Recovery test primary-failover: VIOLATED"), md);
      String prom = Files.readString(textfile);
      assertTrue(
          prom.contains(
              "augur_recovery_recovered{test=\"primary-failover\",service=\"orders\"} 1\n"),
          prom);
      assertTrue(
          prom.contains(
              "augur_recovery_expected_seconds{test=\"primary-failover\",service=\"orders\"} 0.001\n"),
          prom);
      assertTrue(
          new FaultJournal(dir.resolve("cli-journal")).read().faults().isEmpty(), "reverted");
      List<io.augur.domain.ExperimentOutcome> logged =
          new io.augur.chaos.loop.OutcomeLog(dir.resolve("outcomes.jsonl")).read().outcomes();
      assertEquals(1, logged.size());
      assertEquals(io.augur.domain.ExperimentOutcome.Status.FAILED, logged.get(0).status());
      assertEquals("orders/orders-primary", logged.get(0).target());
      assertTrue(logged.get(0).recoveryTimeMs() > 1, logged.get(0).toString());
      assertNotEquals(0, DemoProcesses.pid(dir.resolve("primary.pid")).orElseThrow());
    }
  }
}
