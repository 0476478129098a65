package io.augur.chaos.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.domain.ExperimentOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReaperTest {
  @TempDir Path dir;

  private static InjectedFault fault(String plan, String executor, long at) {
    return new InjectedFault(
        plan + "-" + executor + "-1",
        executor,
        plan,
        "checkout/checkout-0:8080",
        "latency-injection",
        Map.of("flag", "on"),
        at);
  }

  @Test
  void shouldRevertLeftoversOfACrashedRunAndRecordThemAborted() {
    EngineWorld w = new EngineWorld(dir);
    w.executor.active = true;
    w.journal.record(fault("plan-a", "test", w.ms(0)));
    w.journal.record(fault("plan-b", "kubernetes", w.ms(1)));
    w.clock.advance(java.time.Duration.ofMinutes(5));
    List<String> lines =
        ExperimentEngine.reap(w.journal, Map.of("test", w.executor), w.outcomes, w.clock);
    assertEquals(2, lines.size(), lines::toString);
    assertTrue(
        lines.get(0).startsWith("reverted fault plan-a-test-1 of plan plan-a"), lines.get(0));
    assertTrue(lines.get(0).contains("recorded an ABORTED outcome of plan plan-a"), lines.get(0));
    assertTrue(
        lines.get(1).contains("plan-b-kubernetes-1")
            && lines
                .get(1)
                .contains("executor kubernetes, which is not" + " available here (have [test])"),
        lines.get(1));
    assertEquals(
        List.of("plan-b-kubernetes-1"),
        w.journal.read().faults().stream().map(InjectedFault::id).toList());
    assertEquals(List.of("revert plan-a-test-1", "verify plan-a-test-1"), w.executor.calls);
    List<ExperimentOutcome> outs = w.outcomes.read().outcomes();
    assertEquals(1, outs.size());
    ExperimentOutcome o = outs.get(0);
    assertEquals("plan-a", o.planId());
    assertEquals(ExperimentOutcome.Status.ABORTED, o.status());
    assertEquals(w.ms(0), o.startedAtMs());
    assertEquals(w.ms(300), o.endedAtMs());
    assertEquals(
        "runner crashed or was killed: fault plan-a-test-1 (executor test) found in the journal at start,"
            + " reverted at "
            + w.at(300),
        o.notes());
  }

  @Test
  void shouldKeepAFaultWhoseRevertFailsAndRecordNothingYet() {
    EngineWorld w = new EngineWorld(dir);
    w.executor.active = true;
    w.executor.failRevert = true;
    w.journal.record(fault("plan-a", "test", w.ms(0)));
    List<String> lines =
        ExperimentEngine.reap(w.journal, Map.of("test", w.executor), w.outcomes, w.clock);
    assertEquals(1, lines.size());
    assertTrue(
        lines.get(0).contains("could not be reverted by test: test executor told to fail revert"),
        lines.get(0));
    assertEquals(1, w.journal.read().faults().size());
    assertEquals(List.of(), w.outcomes.read().outcomes());

    w.executor.failRevert = false; // the next start succeeds, and records the outcome once
    ExperimentEngine.reap(w.journal, Map.of("test", w.executor), w.outcomes, w.clock);
    assertEquals(List.of(), w.journal.read().faults());
    assertEquals(1, w.outcomes.read().outcomes().size());
  }

  @Test
  void shouldNotRecordASecondOutcomeForAPlanAlreadyInTheLog() {
    EngineWorld w = new EngineWorld(dir);
    w.outcomes.append(
        new ExperimentOutcome(
            "plan-a",
            "checkout/checkout-0:8080",
            "latency-injection",
            "x",
            ExperimentOutcome.Status.ABORTED,
            w.ms(0),
            w.ms(1),
            null,
            false,
            Map.of(),
            "watched run"));
    w.executor.active = true;
    w.journal.record(fault("plan-a", "test", w.ms(0)));
    List<String> lines =
        ExperimentEngine.reap(w.journal, Map.of("test", w.executor), w.outcomes, w.clock);
    assertTrue(lines.get(0).contains("already recorded"), lines.get(0));
    assertEquals(1, w.outcomes.read().outcomes().size());
  }

  @Test
  void shouldReportUnreadableJournalFilesAndLeaveThem() throws Exception {
    EngineWorld w = new EngineWorld(dir);
    Files.createDirectories(w.journal.dir());
    Path bad = Files.writeString(w.journal.dir().resolve("torn.fault.json"), "{\"id\": ");
    List<String> lines =
        ExperimentEngine.reap(w.journal, Map.of("test", w.executor), w.outcomes, w.clock);
    assertEquals(1, lines.size());
    assertTrue(lines.get(0).contains("unreadable: torn.fault.json"), lines.get(0));
    assertTrue(Files.exists(bad));
  }
}
