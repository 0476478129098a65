package io.augur.chaos.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.chaos.cli.ChaosCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code augur chaos recover} without {@code --apply} and with bad input: nothing is injected. */
class RecoverCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return new CommandLine(new ChaosCommand())
        .setOut(new PrintWriter(out))
        .setErr(new PrintWriter(err))
        .execute(args);
  }

  @Test
  void shouldPrintWhatItWouldRunWithoutApply() {
    int exit =
        run(
            "recover",
            RepoFiles.deploy("chaos/recovery/disk-full-writer.yaml").toString(),
            "--set",
            "port=9999");
    assertEquals(0, exit, err.toString());
    String o = out.toString();
    assertTrue(
        o.contains("recovery test disk-full-writer (dry run: nothing is injected; --apply to run)"),
        o);
    assertTrue(o.contains("trigger: disk-fault on ingest-writer {size=128MB}"), o);
    assertTrue(
        o.contains(
            "expected recovery <= 5000ms from revert; each phase watched up to 20000ms every 200ms"),
        o);
    assertTrue(
        o.contains(
            "while the fault is in effect: writer-reports-disk-full: GET http://127.0.0.1:9999/health -> 503"),
        o);
    assertTrue(
        o.contains(
            "recovery: writer-healthy-again: GET http://127.0.0.1:9999/health -> 200, body contains \"ok:\", for 1000ms"),
        o);
  }

  @Test
  void shouldExitTwoNamingTheProblemForABadFileOrMissingOptions() throws Exception {
    Path bad =
        Files.writeString(
            dir.resolve("bad.yaml"),
            "name: x\ntrigger: {fault: nope, target: a}\n"
                + "expectedRecovery: 1s\nvalidation: [{name: a, promql: 'vector(1)'}]\n");
    assertEquals(2, run("recover", bad.toString()));
    assertTrue(
        err.toString().contains(bad + ": trigger.fault must be a catalogue id"), err.toString());
    Path example = RepoFiles.deploy("chaos/recovery/primary-failover.yaml");
    assertEquals(2, run("recover", example.toString(), "--apply"));
    assertTrue(
        err.toString().contains("--apply needs --targets FILE (where orders-primary runs)"),
        err.toString());
    assertEquals(
        2,
        run(
            "recover",
            example.toString(),
            "--apply",
            "--targets",
            RepoFiles.deploy("chaos/recovery/primary-failover.targets.yaml").toString()));
    assertTrue(
        err.toString()
            .contains("--apply needs --prometheus URL (or --metrics-file) for the health gate"),
        err.toString());
  }

  @Test
  void shouldRefuseAKillOutsideTheCriticalWindowWithoutTouchingAnything() throws Exception {
    // pid 2 would be refused by the signal fault anyway; the gates refuse first (a Sunday is
    // outside business hours)
    Path targets =
        Files.writeString(
            dir.resolve("t.yaml"), "targets:\n  - name: orders-primary\n    pid: 2\n");
    int exit =
        run(
            "recover",
            RepoFiles.deploy("chaos/recovery/primary-failover.yaml").toString(),
            "--apply",
            "--targets",
            targets.toString(),
            "--metrics-file",
            RepoFiles.deploy("chaos/recovery/healthy.yaml").toString(),
            "--critical-window",
            "SUN 00:00-00:01 UTC",
            "--fail-on-violation",
            "--report-dir",
            dir.resolve("r").toString(),
            "--journal",
            dir.resolve("j").toString());
    assertEquals(1, exit, out + "\n" + err);
    assertTrue(out.toString().contains("primary-failover: REFUSED"), out.toString());
    assertTrue(
        out.toString().contains("outside the windows for critical experiments"), out.toString());
    assertTrue(
        Files.readString(dir.resolve("r/primary-failover.md"))
            .contains("# Recovery test primary-failover: REFUSED"));
  }

  @Test
  void shouldWriteTheTestAsAChaosMeshWorkflowAfterTheGates() throws Exception {
    Path out = dir.resolve("wf.yaml");
    int exit =
        run(
            "recover",
            RepoFiles.deploy("chaos/recovery/disk-full-writer.yaml").toString(),
            "--workflow",
            out.toString(),
            "--metrics-file",
            RepoFiles.deploy("chaos/recovery/healthy.yaml").toString());
    assertEquals(0, exit, err.toString());
    String yaml = Files.readString(out);
    assertTrue(yaml.contains("kind: \"Workflow\"") || yaml.contains("kind: Workflow"), yaml);
    assertTrue(
        yaml.contains("name: \"after-revert\"") || yaml.contains("name: after-revert"), yaml);
    assertTrue(
        out.toString().length() > 0
            && this.out.toString().contains("wrote Chaos Mesh Workflow recovery-disk-full-writer"),
        this.out.toString());
  }

  @Test
  void shouldRevertWhatAKilledRunLeftInTheJournalBeforeAnythingElse() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    Path fill =
        Files.write(
            data.resolve("augur-disk-fill-recovery-old-1-local-disk-fill.fill"), new byte[4096]);
    io.augur.chaos.exec.FaultJournal journal =
        new io.augur.chaos.exec.FaultJournal(dir.resolve("j"));
    journal.record(
        new io.augur.chaos.exec.InjectedFault(
            "recovery-old-1-local-disk-fill",
            "local",
            "recovery-old-1",
            "ingest-writer",
            "disk-fault",
            Map.of("fault", "disk-fill", "target", "ingest-writer", "file", fill.toString()),
            1L));
    Path targets =
        Files.writeString(
            dir.resolve("t.yaml"), "targets:\n  - name: orders-primary\n    pid: 2\n");
    int exit =
        run(
            "recover",
            RepoFiles.deploy("chaos/recovery/primary-failover.yaml").toString(),
            "--apply",
            "--targets",
            targets.toString(),
            "--metrics-file",
            RepoFiles.deploy("chaos/recovery/healthy.yaml").toString(),
            "--critical-window",
            "SUN 00:00-00:01 UTC",
            "--report-dir",
            dir.resolve("r").toString(),
            "--journal",
            dir.resolve("j").toString(),
            "--outcomes",
            dir.resolve("outcomes.jsonl").toString());
    assertEquals(0, exit, out + "\n" + err);
    assertTrue(out.toString().contains("reaper: "), out.toString());
    assertTrue(!Files.exists(fill), "the leftover fill is gone: " + out);
    assertTrue(journal.read().faults().isEmpty());
    List<io.augur.domain.ExperimentOutcome> logged =
        new io.augur.chaos.loop.OutcomeLog(dir.resolve("outcomes.jsonl")).read().outcomes();
    assertEquals(
        1, logged.size(), "one ABORTED outcome for the crashed run, none for the refused one");
    assertEquals("recovery-old-1", logged.get(0).planId());
    assertEquals(io.augur.domain.ExperimentOutcome.Status.ABORTED, logged.get(0).status());
  }
}
