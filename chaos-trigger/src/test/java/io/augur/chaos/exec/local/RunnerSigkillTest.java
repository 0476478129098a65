package io.augur.chaos.exec.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.augur.chaos.exec.FaultJournal;
import io.augur.chaos.exec.InjectedFault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A runner JVM injects a fault and is SIGKILLed; the fault outlives it, and a fresh executor in
 * another process (this one) finds it in the journal and removes it.
 */
class RunnerSigkillTest {
  @TempDir Path dir;

  private final List<Process> started = new ArrayList<>();
  private final List<InjectedFault> leftovers = new ArrayList<>();

  @AfterEach
  void cleanUp() throws Exception {
    LocalExecutor fresh = LocalExecutor.standard(new LocalTargets(List.of()), Clock.systemUTC());
    for (InjectedFault f : leftovers) {
      try {
        fresh.revert(f, new FaultJournal(dir.resolve("journal")));
      } catch (RuntimeException e) {
        // already reverted by the test
      }
    }
    for (Process p : started) {
      HostCommand.run(List.of("kill", "-s", "CONT", Long.toString(p.pid())));
      p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }

  /**
   * Starts a {@link RunnerProcess}, waits for its fault, SIGKILLs it and returns what it
   * journalled.
   */
  private List<InjectedFault> injectThenSigkillRunner(String... args) throws Exception {
    Path out = dir.resolve("runner.out");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                RunnerProcess.class.getName(),
                dir.resolve("journal").toString()));
    cmd.addAll(List.of(args));
    Process runner =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    started.add(runner);
    boolean injected =
        ProcFs.await(
            () -> NamespacePair.read(out).contains("injected ") || !runner.isAlive(), 60_000);
    assertTrue(
        injected && runner.isAlive(),
        () -> "the runner did not inject: " + NamespacePair.read(out));
    runner.destroyForcibly(); // SIGKILL: no shutdown hook, no revert
    assertTrue(runner.waitFor(10, TimeUnit.SECONDS));
    assertEquals(137, runner.exitValue(), "killed by SIGKILL");
    List<InjectedFault> left = new FaultJournal(dir.resolve("journal")).of("local");
    leftovers.addAll(left);
    return left;
  }

  @Test
  void shouldRemoveAStressThatOutlivedASigkilledRunnerFromTheJournal() throws Exception {
    assumeTrue(HostCommand.which("stress-ng").isPresent(), "stress-ng is not installed");
    List<InjectedFault> left = injectThenSigkillRunner("cpu-spike");
    assertEquals(1, left.size(), left.toString());
    InjectedFault f = left.get(0);
    long pgid = Long.parseLong(f.require(StressFault.PGID));
    assertFalse(ProcFs.group(pgid).isEmpty(), "stress-ng runs on after its runner died");
    LocalExecutor fresh = LocalExecutor.standard(new LocalTargets(List.of()), Clock.systemUTC());
    FaultJournal journal = new FaultJournal(dir.resolve("journal"));
    fresh.revert(f, journal);
    assertTrue(fresh.verifyReverted(f));
    assertTrue(ProcFs.group(pgid).isEmpty(), "every stress-ng process is gone");
    assertTrue(journal.read().faults().isEmpty());
  }

  @Test
  void shouldResumeAProcessPausedByASigkilledRunnerFromTheJournal() throws Exception {
    Process victim = new ProcessBuilder("sleep", "600").start();
    started.add(victim);
    List<InjectedFault> left = injectThenSigkillRunner("pod-failure", Long.toString(victim.pid()));
    assertEquals(1, left.size(), left.toString());
    assertEquals(
        'T',
        ProcFs.stat(victim.pid()).orElseThrow().state(),
        "still stopped after its runner died");
    LocalExecutor fresh = LocalExecutor.standard(new LocalTargets(List.of()), Clock.systemUTC());
    FaultJournal journal = new FaultJournal(dir.resolve("journal"));
    fresh.revert(left.get(0), journal);
    assertNotEquals('T', ProcFs.stat(victim.pid()).orElseThrow().state());
    assertTrue(victim.isAlive());
    assertTrue(journal.read().faults().isEmpty());
    assertTrue(Files.isDirectory(journal.dir()));
  }
}
