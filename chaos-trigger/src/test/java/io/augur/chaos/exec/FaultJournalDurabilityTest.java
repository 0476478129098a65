package io.augur.chaos.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaultJournalDurabilityTest {
  private static InjectedFault fault(String id, long at) {
    return new InjectedFault(
        id, "local", "plan-1", "checkout", "pod-failure", Map.of("pid", "4242"), at);
  }

  @Test
  void shouldReadBackWhatWasRecordedOldestFirstUntilRemoved(@TempDir Path dir) {
    FaultJournal j = new FaultJournal(dir.resolve("journal"));
    assertEquals(List.of(), j.read().faults(), "an absent directory is an empty journal");
    j.record(fault("b", 2));
    j.record(fault("a", 1));
    j.record(fault("b", 2).with("stress.pid", "99"));
    assertEquals(List.of("a", "b"), j.read().faults().stream().map(InjectedFault::id).toList());
    assertEquals(
        "99",
        j.of("local").get(1).handle().get("stress.pid"),
        "a second record replaces the entry");
    j.remove("a");
    j.remove("a");
    assertEquals(List.of("b"), j.read().faults().stream().map(InjectedFault::id).toList());
  }

  @Test
  void shouldReportAnUnreadableEntryAndKeepIt(@TempDir Path dir) throws Exception {
    FaultJournal j = new FaultJournal(dir);
    j.record(fault("good", 1));
    Path torn = Files.writeString(dir.resolve("torn.fault.json"), "{\"id\":\"torn\",\"exec");
    FaultJournal.Contents c = j.read();
    assertEquals(1, c.faults().size());
    assertEquals(1, c.unreadable().size());
    assertTrue(c.unreadable().get(0).startsWith("torn.fault.json"), c.unreadable().toString());
    assertTrue(Files.exists(torn), "never deleted: it may describe a fault still in effect");
  }

  @Test
  void shouldStillRecordOnAnInterruptedThread(@TempDir Path dir) {
    FaultJournal j = new FaultJournal(dir);
    Thread.currentThread().interrupt();
    try {
      j.record(fault("after-sigterm", 1));
      j.remove("after-sigterm");
      j.record(fault("kept", 2));
      assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is left for the caller");
    } finally {
      Thread.interrupted();
    }
    assertEquals(List.of("kept"), j.read().faults().stream().map(InjectedFault::id).toList());
  }
}
