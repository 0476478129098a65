package io.augur.chaos.exec.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.chaos.catalogue.ExperimentType;
import io.augur.chaos.exec.FaultException;
import io.augur.chaos.exec.FaultJournal;
import io.augur.chaos.exec.FaultParams;
import io.augur.chaos.exec.FaultStatus;
import io.augur.chaos.exec.InjectedFault;
import io.augur.chaos.safety.ApprovedPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGKILL and SIGSTOP of real child processes, checked in /proc, through the local executor. */
class SignalFaultTest {
  @TempDir Path dir;

  private final List<Long> spawned = new ArrayList<>();
  private final List<Process> children = new ArrayList<>();

  @AfterEach
  void killEverythingStarted() throws Exception {
    for (long pid : spawned) {
      ProcessHandle.of(pid)
          .ifPresent(
              h -> {
                HostCommand.run(List.of("kill", "-s", "CONT", Long.toString(pid)));
                h.destroyForcibly();
              });
    }
    for (Process p : children) {
      HostCommand.run(List.of("kill", "-s", "CONT", Long.toString(p.pid())));
      p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }

  private Process sleeper() throws Exception {
    Process p = new ProcessBuilder("sleep", "600").start();
    children.add(p);
    assertTrue(
        ProcFs.await(
            () -> ProcFs.stat(p.pid()).filter(s -> s.comm().equals("sleep")).isPresent(), 5_000));
    return p;
  }

  private FaultJournal journal() {
    return new FaultJournal(dir.resolve("journal"));
  }

  private static LocalExecutor executor(LocalTarget t) {
    return LocalExecutor.standard(HostFaultPlans.targets(t), Clock.systemUTC());
  }

  private static LocalTarget bound(
      ApprovedPlan plan, Long pid, Path pidFile, List<String> restart) {
    return new LocalTarget(
        HostFaultPlans.target(plan), pid, pidFile, restart, null, null, null, null, null);
  }

  @Test
  void shouldKillAChildProcessAndSayThereIsNothingToUndoWithoutARestartCommand() throws Exception {
    Process p = sleeper();
    long start = ProcFs.stat(p.pid()).orElseThrow().startTime();
    ApprovedPlan plan = HostFaultPlans.approved(ExperimentType.POD_KILL, 30, Map.of());
    LocalExecutor ex = executor(bound(plan, p.pid(), null, List.of()));
    FaultJournal journal = journal();
    assertEquals(Optional.empty(), ex.unsupported(plan));
    InjectedFault f = ex.inject(plan, journal);
    try {
      assertTrue(p.waitFor(5, TimeUnit.SECONDS), "the child should be dead");
      assertEquals(137, p.exitValue(), "128 + SIGKILL");
      assertTrue(ProcFs.same(p.pid(), start).isEmpty());
      InjectedFault journalled = journal.of("local").get(0);
      assertEquals(Long.toString(p.pid()), journalled.require(SignalFault.PID));
      assertEquals(
          Long.toString(start), journalled.require(SignalFault.START), "/proc/<pid>/stat field 22");
      FaultStatus st = ex.status(f);
      assertEquals(FaultStatus.State.ACTIVE, st.state());
      assertTrue(st.detail().contains("nothing to undo"), st.detail());
    } finally {
      ex.revert(f, journal);
    }
    assertTrue(ex.verifyReverted(f));
    assertTrue(journal.read().faults().isEmpty());
  }

  @Test
  void shouldPauseAChildProcessAndResumeItOnRevert() throws Exception {
    Process p = sleeper();
    ApprovedPlan plan = HostFaultPlans.approved(ExperimentType.POD_FAILURE, 30, Map.of());
    LocalExecutor ex = executor(bound(plan, p.pid(), null, List.of()));
    FaultJournal journal = journal();
    InjectedFault f = ex.inject(plan, journal);
    try {
      assertEquals(
          'T',
          ProcFs.stat(p.pid()).orElseThrow().state(),
          "SIGSTOP shows as state T in /proc/<pid>/stat");
      assertEquals(FaultStatus.State.ACTIVE, ex.status(f).state());
      assertFalse(ex.verifyReverted(f));
    } finally {
      ex.revert(f, journal);
    }
    char state = ProcFs.stat(p.pid()).orElseThrow().state();
    assertNotEquals('T', state);
    assertTrue(p.isAlive());
    assertTrue(ex.verifyReverted(f));
    assertTrue(journal.read().faults().isEmpty());
  }

  @Test
  void shouldResumeAPausedProcessEvenWhenTheRevertingThreadIsInterrupted() throws Exception {
    Process p = sleeper();
    ApprovedPlan plan = HostFaultPlans.approved(ExperimentType.POD_FAILURE, 30, Map.of());
    LocalExecutor ex = executor(bound(plan, p.pid(), null, List.of()));
    FaultJournal journal = journal();
    InjectedFault f = ex.inject(plan, journal);
    Thread.currentThread()
        .interrupt(); // what SIGTERM does to the engine's thread before it reverts
    try {
      ex.revert(f, journal);
      assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is kept for the caller");
    } finally {
      boolean wasInterrupted = Thread.interrupted();
      if (!ex.verifyReverted(f)) {
        HostCommand.run(List.of("kill", "-s", "CONT", Long.toString(p.pid())));
      }
      assertTrue(wasInterrupted);
    }
    assertNotEquals('T', ProcFs.stat(p.pid()).orElseThrow().state());
    assertTrue(journal.read().faults().isEmpty());
  }

  @Test
  void shouldResumeAPausedProcessFromTheJournalWithAFreshExecutorAfterTheRunnerDied()
      throws Exception {
    Process p = sleeper();
    ApprovedPlan plan = HostFaultPlans.approved(ExperimentType.POD_FAILURE, 30, Map.of());
    LocalTarget t = bound(plan, p.pid(), null, List.of());
    FaultJournal journal = journal();
    executor(t)
        .inject(plan, journal); // the runner that injected it is gone: only the journal remains
    try {
      assertEquals('T', ProcFs.stat(p.pid()).orElseThrow().state());
    } finally {
      LocalExecutor fresh = LocalExecutor.standard(new LocalTargets(List.of()), Clock.systemUTC());
      for (InjectedFault left : new FaultJournal(journal.dir()).of("local")) {
        fresh.revert(left, journal);
        assertTrue(fresh.verifyReverted(left));
      }
    }
    assertNotEquals('T', ProcFs.stat(p.pid()).orElseThrow().state());
    assertTrue(journal.read().faults().isEmpty());
  }

  @Test
  void shouldRestartAKilledProcessWithItsRestartCommandOnceAndJournalTheNewPid() throws Exception {
    Path pidFile = dir.resolve("svc.pid");
    List<String> run = List.of("sh", "-c", "echo $$ > " + pidFile + "; exec sleep 600");
    Process p = new ProcessBuilder(run).start();
    children.add(p);
    assertTrue(
        ProcFs.await(() -> pidOf(pidFile) == p.pid(), 5_000), "the service writes its pid file");
    ApprovedPlan plan = HostFaultPlans.approved(ExperimentType.POD_KILL, 30, Map.of());
    LocalTarget t = bound(plan, null, pidFile, run);
    FaultJournal journal = journal();
    InjectedFault f = executor(t).inject(plan, journal);
    long restarted;
    try {
      assertTrue(p.waitFor(5, TimeUnit.SECONDS));
      assertTrue(
          executor(t).status(f).detail().contains("revert runs sh -c"),
          executor(t).status(f).detail());
    } finally {
      // the runner dies after starting the restart but before removing the entry: the entry names
      // the new pid
      new SignalFault().revert(journal.of("local").get(0));
      assertTrue(
          ProcFs.await(() -> pidOf(pidFile) > 0 && pidOf(pidFile) != p.pid(), 5_000), "restarted");
      restarted = pidOf(pidFile);
      spawned.add(restarted);
      assertEquals(
          restarted,
          ProcFs.stat(restarted).orElseThrow().pgrp(),
          "restarted in a session of its own");
      InjectedFault entry = journal.of("local").get(0);
      assertEquals(
          Long.toString(restarted),
          entry.require(SignalFault.RESTARTED_PID),
          "the restart's pid (sh execs sleep in place) is journalled");
      LocalExecutor fresh = LocalExecutor.standard(new LocalTargets(List.of()), Clock.systemUTC());
      fresh.revert(entry, journal);
      assertTrue(fresh.verifyReverted(entry));
      assertTrue(
          fresh.status(entry).detail().endsWith("restarted as pid " + restarted),
          fresh.status(entry).detail());
    }
    assertEquals(restarted, pidOf(pidFile), "a second revert must not restart it again");
    long sleeps =
        ProcessHandle.current()
            .children()
            .filter(h -> h.info().commandLine().orElse("").contains("sleep 600") && h.isAlive())
            .count();
    assertEquals(1, sleeps, "exactly one restarted service");
    assertTrue(ProcFs.stat(restarted).orElseThrow().alive());
    assertTrue(journal.read().faults().isEmpty());
  }

  @Test
  void shouldNeverSignalAPidThatNowBelongsToAnotherProcess() throws Exception {
    Process p = sleeper();
    long start = ProcFs.stat(p.pid()).orElseThrow().startTime();
    HostCommand.check("stop", List.of("kill", "-s", "STOP", Long.toString(p.pid())), null);
    assertTrue(ProcFs.await(() -> ProcFs.stat(p.pid()).orElseThrow().stopped(), 5_000));
    // a journal entry of an old pause whose process died; the kernel gave the pid to this one since
    InjectedFault old =
        new InjectedFault(
            "hf-recycled-local-signal",
            "local",
            "hf-recycled",
            "checkout",
            "pod-failure",
            Map.of(
                LocalExecutor.FAULT,
                SignalFault.NAME,
                "target",
                "checkout",
                SignalFault.PID,
                Long.toString(p.pid()),
                SignalFault.START,
                Long.toString(start - 1),
                SignalFault.SIGNAL,
                "STOP"),
            1L);
    FaultJournal journal = journal();
    journal.record(old);
    LocalExecutor fresh = LocalExecutor.standard(new LocalTargets(List.of()), Clock.systemUTC());
    fresh.revert(old, journal);
    assertEquals(
        'T',
        ProcFs.stat(p.pid()).orElseThrow().state(),
        "SIGCONT must not reach the pid's new owner");
    assertTrue(
        fresh.verifyReverted(old), "the paused process is gone, so nothing of the fault is left");
    assertEquals(FaultStatus.State.ENDED, fresh.status(old).state());
    assertTrue(journal.read().faults().isEmpty());
  }

  @Test
  void shouldRefuseInitTheJvmItsAncestorsAndADeadPid() throws Exception {
    ApprovedPlan plan = HostFaultPlans.approved(ExperimentType.POD_KILL, 30, Map.of());
    Path initFile = dir.resolve("init.pid");
    Files.writeString(initFile, "1\n");
    assertTrue(
        executor(bound(plan, null, initFile, List.of()))
            .unsupported(plan)
            .orElseThrow()
            .contains("refusing to signal pid 1"));
    long self = ProcessHandle.current().pid();
    assertTrue(
        executor(bound(plan, self, null, List.of()))
            .unsupported(plan)
            .orElseThrow()
            .contains("it is this JVM"));
    long parent = ProcessHandle.current().parent().orElseThrow().pid();
    if (parent > 1) {
      assertTrue(
          executor(bound(plan, parent, null, List.of()))
              .unsupported(plan)
              .orElseThrow()
              .contains("one of its ancestors"));
    }
    Process dead = new ProcessBuilder("true").start();
    assertTrue(dead.waitFor(5, TimeUnit.SECONDS));
    LocalExecutor ex = executor(bound(plan, dead.pid(), null, List.of()));
    assertTrue(
        ex.unsupported(plan).orElseThrow().contains("pid " + dead.pid() + " of local target "),
        ex.unsupported(plan).orElseThrow());
    assertTrue(ex.unsupported(plan).orElseThrow().contains("is not alive"));
    FaultJournal journal = journal();
    FaultException e = assertThrows(FaultException.class, () -> ex.inject(plan, journal));
    assertTrue(e.getMessage().contains("is not alive"), e.getMessage());
    assertTrue(journal.read().faults().isEmpty(), "nothing applied, nothing journalled");
  }

  @Test
  void shouldSayWhatIsMissingWhenTheTargetBindsNoProcess() throws Exception {
    ApprovedPlan plan = HostFaultPlans.approved(ExperimentType.POD_FAILURE, 30, Map.of());
    String why = executor(bound(plan, null, null, List.of())).unsupported(plan).orElseThrow();
    assertTrue(why.contains("binds neither a pid nor a pidFile"), why);
    Path empty = dir.resolve("empty.pid");
    Files.writeString(empty, "not-a-pid");
    String bad =
        new SignalFault()
            .unsupported(
                ExperimentType.POD_FAILURE,
                bound(plan, null, empty, List.of()),
                FaultParams.of(plan))
            .orElseThrow();
    assertTrue(bad.contains("must hold a positive pid, got \"not-a-pid\""), bad);
  }

  private static long pidOf(Path pidFile) {
    try {
      String s = Files.readString(pidFile).trim();
      return s.isEmpty() ? -1 : Long.parseLong(s);
    } catch (Exception e) {
      return -1;
    }
  }
}
