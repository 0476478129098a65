package io.augur.chaos.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.chaos.loop.LabelledWindow.Label;
import io.augur.domain.ExperimentOutcome;
import io.augur.domain.ExperimentOutcome.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutcomeLoopTest {
  @TempDir Path dir;

  private static ExperimentOutcome o(String planId, Status s, long start, long end, Long rec) {
    return new ExperimentOutcome(
        planId,
        "checkout/checkout-0:8080",
        "memory-stress",
        "memory-leak",
        s,
        start,
        end,
        rec,
        false,
        Map.of("error_ratio_max", 0.12),
        "note, with comma");
  }

  @Test
  void shouldRoundTripOutcomesThroughTheLog() {
    OutcomeLog log = new OutcomeLog(dir.resolve("sub/outcomes.jsonl"));
    List<ExperimentOutcome> written =
        List.of(
            o("a", Status.PASSED, 1_000, 2_000, 500L), o("b", Status.FAILED, 3_000, 4_000, null));
    written.forEach(log::append);
    OutcomeLog.Contents c = log.read();
    assertEquals(written, c.outcomes());
    assertTrue(c.skippedLines().isEmpty());
  }

  @Test
  void shouldSurviveATornLastLineAndKeepAppending() throws IOException {
    OutcomeLog log = new OutcomeLog(dir.resolve("outcomes.jsonl"));
    log.append(o("a", Status.PASSED, 1_000, 2_000, 500L));
    Files.writeString(
        log.file(),
        "{\"planId\":\"torn\",\"tar",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
    OutcomeLog.Contents c = log.read();
    assertEquals(1, c.outcomes().size());
    assertEquals(List.of(2), c.skippedLines());
    log.append(o("c", Status.ABORTED, 5_000, 6_000, 100L));
    c = log.read();
    assertEquals(List.of("a", "c"), c.outcomes().stream().map(ExperimentOutcome::planId).toList());
    assertEquals(List.of(2), c.skippedLines());
  }

  @Test
  void shouldLabelFaultWindowsByOutcomeWithANormalBaseline() {
    OutcomeLabeller l = new OutcomeLabeller(Duration.ofMinutes(5));
    long t = 3_600_000;
    List<LabelledWindow> w =
        l.windows(
            List.of(
                o("p1", Status.FAILED, t, t + 60_000, 30_000L),
                o("p2", Status.PASSED, 2 * t, 2 * t + 60_000, null),
                o("p3", Status.ABORTED, 100, 200, null)));
    assertEquals(5, w.size()); // p3's baseline would start before 0
    LabelledWindow fault =
        w.stream()
            .filter(x -> x.planId().equals("p1") && x.label() == Label.FAILURE)
            .findFirst()
            .orElseThrow();
    assertEquals(t, fault.startMs());
    assertEquals(t + 90_000, fault.endMs());
    assertEquals("memory-leak", fault.failureMode());
    assertEquals("chaos", fault.source());
    LabelledWindow base =
        w.stream()
            .filter(x -> x.planId().equals("p1") && x.label() == Label.NORMAL)
            .findFirst()
            .orElseThrow();
    assertEquals(t - 300_000, base.startMs());
    assertEquals(t, base.endMs());
    assertEquals(
        Label.NORMAL,
        w.stream()
            .filter(x -> x.planId().equals("p2") && x.startMs() == 2 * t)
            .findFirst()
            .orElseThrow()
            .label());
    assertEquals(
        Label.FAILURE,
        w.stream().filter(x -> x.planId().equals("p3")).findFirst().orElseThrow().label());
  }

  @Test
  void shouldWriteAndReadWindowsAsCsvAndJsonl() throws IOException {
    List<LabelledWindow> w =
        List.of(
            new LabelledWindow(
                "checkout/checkout-0:8080",
                10,
                20,
                Label.FAILURE,
                "memory-leak",
                "chaos",
                "p,1",
                "memory-stress"),
            new LabelledWindow(
                "cart/cart-0:8080", 30, 40, Label.NORMAL, null, "chaos", "p2", "pod-kill"));
    Path csv = dir.resolve("windows.csv");
    LabelledWindowsFile.write(csv, w);
    assertEquals(w, LabelledWindowsFile.read(csv));
    List<String> lines = Files.readAllLines(csv);
    assertEquals(
        "component,start_ms,end_ms,label,failure_mode,source,plan_id,experiment_type",
        lines.get(0));
    assertEquals(
        "checkout/checkout-0:8080,10,20,failure,memory-leak,chaos,\"p,1\",memory-stress",
        lines.get(1));
    Path jsonl = dir.resolve("windows.jsonl");
    LabelledWindowsFile.write(jsonl, w);
    assertEquals(w, LabelledWindowsFile.read(jsonl));
    assertTrue(Files.readAllLines(jsonl).get(1).contains("\"label\":\"normal\""));
    assertThrows(
        IllegalArgumentException.class, () -> LabelledWindowsFile.write(dir.resolve("w.txt"), w));
  }
}
