package io.augur.chaos.exec.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.augur.chaos.catalogue.ExperimentType;
import io.augur.chaos.exec.FaultJournal;
import io.augur.chaos.exec.FaultParams;
import io.augur.chaos.exec.FaultStatus;
import io.augur.chaos.exec.InjectedFault;
import io.augur.chaos.safety.ApprovedPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real stress-ng runs: alive and burning CPU while injected, every process of it gone after revert.
 */
class StressFaultTest {
  @TempDir Path dir;

  private static void assumeStressNg() {
    assumeTrue(
        HostCommand.which("stress-ng").isPresent(),
        "stress-ng is not installed (apt-get install stress-ng)");
  }

  private static LocalTarget bound(ApprovedPlan plan) {
    return new LocalTarget(
        HostFaultPlans.target(plan), null, null, List.of(), null, null, null, null, null);
  }

  @Test
  void shouldRunStressNgBurningCpuAndKillItsWholeProcessGroupOnRevert() {
    assumeStressNg();
    ApprovedPlan plan =
        HostFaultPlans.approved(ExperimentType.CPU_SPIKE, 20, Map.of("workers", "1", "load", "60"));
    LocalExecutor ex =
        LocalExecutor.standard(HostFaultPlans.targets(bound(plan)), Clock.systemUTC());
    FaultJournal journal = new FaultJournal(dir);
    assertTrue(ex.unsupported(plan).isEmpty(), () -> ex.unsupported(plan).get());
    InjectedFault f = ex.inject(plan, journal);
    long pid = Long.parseLong(f.require(StressFault.PID));
    long pgid = Long.parseLong(f.require(StressFault.PGID));
    List<Long> seen;
    try {
      InjectedFault journalled = journal.of("local").get(0);
      assertEquals(Long.toString(pid), journalled.require(StressFault.PID));
      assertEquals(
          Long.toString(ProcFs.stat(pid).orElseThrow().startTime()),
          journalled.require(StressFault.START));
      assertTrue(
          journalled.require(StressFault.COMMAND).contains("--cpu 1 --cpu-load 60"),
          journalled.toString());
      assertTrue(
          journalled.require(StressFault.COMMAND).contains("--timeout 50s"),
          "20s plan + 30s margin");
      ProcFs.Stat leader = ProcFs.stat(pid).orElseThrow();
      assertTrue(leader.alive() && leader.comm().startsWith("stress-ng"), leader.toString());
      assertEquals(pid, pgid, "stress-ng leads its own process group");
      assertTrue(
          ProcFs.await(() -> ProcFs.group(pgid).size() >= 2, 5_000), "a worker besides the leader");
      long before = groupTicks(pgid);
      assertTrue(
          ProcFs.await(() -> groupTicks(pgid) >= before + 10, 10_000),
          "CPU time rises (100 ticks = 1 s)");
      assertEquals(FaultStatus.State.ACTIVE, ex.status(f).state());
      assertFalse(ex.verifyReverted(f));
      seen = ProcFs.group(pgid).stream().map(ProcFs.Stat::pid).toList();
    } finally {
      ex.revert(f, journal);
    }
    assertTrue(ProcFs.group(pgid).isEmpty(), "no process of the group is left");
    for (long p : seen) {
      assertTrue(
          ProcFs.stat(p)
              .filter(ProcFs.Stat::alive)
              .filter(s -> s.comm().startsWith("stress-ng"))
              .isEmpty(),
          "stress-ng " + p + " is gone");
    }
    assertTrue(ex.verifyReverted(f));
    assertEquals(FaultStatus.State.ENDED, ex.status(f).state());
    assertTrue(journal.read().faults().isEmpty());
  }

  @Test
  void shouldHoldTheMemoryOfAMemoryStressAndReleaseItOnRevertByAFreshExecutor() {
    assumeStressNg();
    ApprovedPlan plan =
        HostFaultPlans.approved(
            ExperimentType.MEMORY_STRESS, 20, Map.of("workers", "1", "size", "48MB"));
    FaultJournal journal = new FaultJournal(dir);
    LocalExecutor ex =
        LocalExecutor.standard(HostFaultPlans.targets(bound(plan)), Clock.systemUTC());
    InjectedFault f = ex.inject(plan, journal);
    long pgid = Long.parseLong(f.require(StressFault.PGID));
    try {
      assertTrue(
          f.require(StressFault.COMMAND)
              .contains("--vm 1 --vm-bytes " + (48L << 20) + " --vm-keep"),
          f.require(StressFault.COMMAND));
      assertTrue(
          ProcFs.await(() -> groupRssKb(pgid) >= 40 * 1024, 10_000),
          "the vm worker holds its 48 MiB, RSS " + groupRssKb(pgid) + " kB");
    } finally {
      LocalExecutor fresh = LocalExecutor.standard(new LocalTargets(List.of()), Clock.systemUTC());
      for (InjectedFault left : journal.of("local")) {
        fresh.revert(left, journal);
      }
    }
    assertTrue(ProcFs.group(pgid).isEmpty());
    assertTrue(journal.read().faults().isEmpty());
  }

  @Test
  void shouldSayWhyWhenStressNgIsMissingOrAParameterIsBad() {
    ApprovedPlan plan = HostFaultPlans.approved(ExperimentType.CPU_SPIKE, 20, Map.of());
    FaultParams params = FaultParams.of(plan);
    String missing =
        new StressFault("stress-ng-absent-here")
            .unsupported(ExperimentType.CPU_SPIKE, bound(plan), params)
            .orElseThrow();
    assertTrue(
        missing.contains("stress-ng-absent-here is not installed")
            && missing.contains("apt-get install stress-ng"),
        missing);
    assumeStressNg();
    ApprovedPlan hot = HostFaultPlans.approved(ExperimentType.CPU_SPIKE, 20, Map.of("load", "150"));
    String load =
        new StressFault()
            .unsupported(ExperimentType.CPU_SPIKE, bound(hot), FaultParams.of(hot))
            .orElseThrow();
    assertTrue(
        load.contains("parameter load must be a whole number in [1, 100], got \"150\""), load);
    ApprovedPlan huge =
        HostFaultPlans.approved(ExperimentType.MEMORY_STRESS, 20, Map.of("size", "100000GB"));
    String mem =
        LocalExecutor.standard(HostFaultPlans.targets(bound(huge)), Clock.systemUTC())
            .unsupported(huge)
            .orElseThrow();
    assertTrue(
        mem.contains("more than half of the") && mem.startsWith("memory-stress cannot run locally"),
        mem);
  }

  private static long groupTicks(long pgid) {
    return ProcFs.group(pgid).stream().mapToLong(ProcFs.Stat::cpuTicks).sum();
  }

  private static long groupRssKb(long pgid) {
    long kb = 0;
    for (ProcFs.Stat s : ProcFs.group(pgid)) {
      try {
        for (String line : Files.readAllLines(Path.of("/proc/" + s.pid() + "/status"))) {
          if (line.startsWith("VmRSS:")) {
            kb += Long.parseLong(line.replaceAll("[^0-9]", ""));
          }
        }
      } catch (Exception e) {
        // the process ended between listing and reading
      }
    }
    return kb;
  }
}
