package io.augur.chaos.exec.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real file in a real directory, of the size asked, never past the free-space floor, gone after
 * revert.
 */
class DiskFillFaultTest {
  private static final long MIB = 1L << 20;

  @TempDir Path dir;

  private static LocalTarget bound(ApprovedPlan plan, Path dataDir) {
    return new LocalTarget(
        HostFaultPlans.target(plan), null, null, List.of(), null, null, null, null, dataDir);
  }

  @Test
  void shouldFillTheDataDirWithAFileOfTheGivenSizeAndDeleteItOnRevert() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    DiskFillFault fill = new DiskFillFault();
    assumeTrue(
        Files.getFileStore(data).getUsableSpace() > fill.floor(data) + 64 * MIB,
        "the file system of " + data + " is already near the 1 GiB / 10% floor");
    ApprovedPlan plan =
        HostFaultPlans.approved(ExperimentType.DISK_FAULT, 30, Map.of("size", "8MB"));
    LocalExecutor ex =
        LocalExecutor.standard(HostFaultPlans.targets(bound(plan, data)), Clock.systemUTC());
    FaultJournal journal = new FaultJournal(dir.resolve("journal"));
    InjectedFault f = ex.inject(plan, journal);
    Path file = Path.of(f.require(DiskFillFault.FILE));
    try {
      assertEquals(data.toAbsolutePath(), file.getParent());
      assertTrue(Files.isRegularFile(file));
      assertEquals(8 * MIB, Files.size(file));
      assertEquals(file.toString(), journal.of("local").get(0).require(DiskFillFault.FILE));
      assertEquals(Long.toString(8 * MIB), journal.of("local").get(0).require(DiskFillFault.BYTES));
      assertEquals(FaultStatus.State.ACTIVE, ex.status(f).state());
      assertFalse(ex.verifyReverted(f));
    } finally {
      LocalExecutor.standard(new LocalTargets(List.of()), Clock.systemUTC())
          .revert(journal.of("local").get(0), journal);
    }
    assertFalse(Files.exists(file));
    assertTrue(ex.verifyReverted(f));
    assertTrue(journal.read().faults().isEmpty());
  }

  @Test
  void shouldNeverFillPastTheFloorOfFreeSpace() throws Exception {
    Path mnt = Files.createDirectories(dir.resolve("small-fs"));
    HostCommand.Result mount = mountTmpfs(mnt);
    assumeTrue(mount.ok(), "cannot mount a 64 MiB tmpfs for the floor test: " + mount.output());
    try {
      DiskFillFault fill =
          new DiskFillFault(16 * MIB, 0.10, 1L << 30); // floor: max(16 MiB, 6.4 MiB)
      assertEquals(16 * MIB, fill.floor(mnt));
      ApprovedPlan plan =
          HostFaultPlans.approved(ExperimentType.DISK_FAULT, 30, Map.of("size", "1GB"));
      LocalExecutor ex =
          new LocalExecutor(
              HostFaultPlans.targets(bound(plan, mnt)), List.of(fill), Clock.systemUTC());
      FaultJournal journal = new FaultJournal(dir.resolve("journal"));
      InjectedFault f = ex.inject(plan, journal);
      try {
        long size = Files.size(Path.of(f.require(DiskFillFault.FILE)));
        long free = Files.getFileStore(mnt).getUsableSpace();
        assertTrue(free >= 16 * MIB, "free " + free + " must stay at or above the 16 MiB floor");
        assertTrue(
            size >= 40 * MIB && size <= 48 * MIB,
            "capped to what is above the floor, wrote " + size);
        assertEquals(Long.toString(size), f.require(DiskFillFault.BYTES));
        ApprovedPlan more =
            HostFaultPlans.approved(ExperimentType.DISK_FAULT, 30, Map.of("size", "1MB"));
        String why = ex.unsupported(more).orElseThrow();
        assertTrue(why.contains("not more than its floor of 16.0 MiB"), why);
        assertThrows(FaultException.class, () -> ex.inject(more, journal));
      } finally {
        ex.revert(f, journal);
      }
      assertEquals(64 * MIB, Files.getFileStore(mnt).getUsableSpace());
      assertTrue(journal.read().faults().isEmpty());
    } finally {
      HostCommand.run(List.of("umount", mnt.toString()));
    }
  }

  @Test
  void shouldTakeAPercentOfTheFreeSpaceWhenNoSizeIsGiven() throws Exception {
    Path mnt = Files.createDirectories(dir.resolve("pct-fs"));
    HostCommand.Result mount = mountTmpfs(mnt);
    assumeTrue(mount.ok(), "cannot mount a 64 MiB tmpfs: " + mount.output());
    try {
      DiskFillFault fill = new DiskFillFault(0, 0.0, 1L << 30);
      ApprovedPlan plan =
          HostFaultPlans.approved(ExperimentType.DISK_FAULT, 30, Map.of("percent", "25"));
      assertEquals(16 * MIB, fill.plannedBytes(bound(plan, mnt), FaultParams.of(plan)));
      ApprovedPlan dflt = HostFaultPlans.approved(ExperimentType.DISK_FAULT, 30, Map.of());
      assertEquals(
          32 * MIB,
          fill.plannedBytes(bound(dflt, mnt), FaultParams.of(dflt)),
          "the catalogue's 50%");
    } finally {
      HostCommand.run(List.of("umount", mnt.toString()));
    }
  }

  @Test
  void shouldSayWhatIsMissingAndNeverDeleteAFileThatIsNotItsFill() throws Exception {
    ApprovedPlan plan = HostFaultPlans.approved(ExperimentType.DISK_FAULT, 30, Map.of());
    String none =
        LocalExecutor.standard(HostFaultPlans.targets(bound(plan, null)), Clock.systemUTC())
            .unsupported(plan)
            .orElseThrow();
    assertTrue(none.contains("binds no dataDir to fill"), none);
    Path notDir = Files.writeString(dir.resolve("plain-file"), "x");
    String bad =
        new DiskFillFault()
            .unsupported(ExperimentType.DISK_FAULT, bound(plan, notDir), FaultParams.of(plan))
            .orElseThrow();
    assertTrue(bad.contains("is not a writable directory"), bad);
    ApprovedPlan sized =
        HostFaultPlans.approved(ExperimentType.DISK_FAULT, 30, Map.of("size", "lots"));
    String size =
        new DiskFillFault()
            .unsupported(ExperimentType.DISK_FAULT, bound(sized, dir), FaultParams.of(sized))
            .orElseThrow();
    assertTrue(size.contains("must be a size like 64MB"), size);
    InjectedFault forged =
        new InjectedFault(
            "hf-forged-local-disk-fill",
            "local",
            "hf-forged",
            "checkout",
            "disk-fault",
            Map.of(
                LocalExecutor.FAULT,
                DiskFillFault.NAME,
                "target",
                "checkout",
                DiskFillFault.FILE,
                notDir.toString()),
            1L);
    assertThrows(FaultException.class, () -> new DiskFillFault().revert(forged));
    assertTrue(
        Files.exists(notDir), "a journal entry naming another file must not make revert delete it");
  }

  private static HostCommand.Result mountTmpfs(Path at) {
    return HostCommand.run(
        List.of("mount", "-t", "tmpfs", "-o", "size=64m", "augur-test", at.toString()));
  }
}
