package io.augur.training.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.chaos.loop.OutcomeLog;
import io.augur.domain.ExperimentOutcome;
import io.augur.fleet.FailureMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChaosLabelsTest {
  static final long T = 1_767_607_200_000L;

  static ExperimentOutcome outcome(
      String target, ExperimentOutcome.Status status, long start, long end) {
    return new ExperimentOutcome(
        "plan-" + start,
        target,
        "memory-stress",
        "memory-leak",
        status,
        start,
        end,
        60_000L,
        true,
        Map.of(),
        "");
  }

  @Test
  void shouldTurnAFailedExperimentIntoAFailingSpanAndAPassedOneIntoNormal(@TempDir Path dir) {
    OutcomeLog log = new OutcomeLog(dir.resolve("outcomes.jsonl"));
    log.append(outcome("shop/a:80", ExperimentOutcome.Status.FAILED, T, T + 300_000));
    log.append(outcome("shop/b:80", ExperimentOutcome.Status.PASSED, T, T + 300_000));
    Map<String, List<LabelSpan>> spans = ChaosLabels.read(log.file());
    List<LabelSpan> a = spans.get("shop/a:80");
    assertEquals(
        LabelSpan.Kind.NORMAL, a.get(0).kind(), "the 5-minute baseline before the experiment");
    assertEquals(T - 300_000, a.get(0).startMs());
    LabelSpan failing = a.get(1);
    assertEquals(LabelSpan.Kind.FAILING, failing.kind());
    assertEquals(FailureMode.MEMORY_LEAK, failing.mode());
    assertEquals(T + 360_000, failing.endMs(), "end plus recovery time");
    assertEquals(T + 360_000, failing.failureMs());
    assertEquals("chaos", failing.source());
    assertEquals(
        LabelSpan.Kind.EXCLUDED, a.get(2).kind(), "the settling time after it is left out");
    assertTrue(
        spans.get("shop/b:80").stream().allMatch(s -> s.kind() == LabelSpan.Kind.NORMAL),
        "a passed experiment is a hard negative");
  }

  @Test
  void shouldReadTheWindowsFileOfChaosLabelsToo(@TempDir Path dir) throws Exception {
    Path f =
        Files.writeString(
            dir.resolve("w.csv"),
            "component,start_ms,end_ms,label,failure_mode,source,plan_id,experiment_type\n"
                + "shop/a:80,"
                + T
                + ","
                + (T + 90_000)
                + ",failure,disk-fill,chaos,p1,disk-fill\n");
    LabelSpan s = ChaosLabels.read(f).get("shop/a:80").get(0);
    assertEquals(FailureMode.DISK_FILL, s.mode());
    assertEquals(T + 90_000, s.endMs());
  }

  @Test
  void shouldRefuseLabelsOfComponentsNotInTheHistoryAndUnreadableLogs(@TempDir Path dir)
      throws Exception {
    OutcomeLog log = new OutcomeLog(dir.resolve("outcomes.jsonl"));
    log.append(outcome("shop/zz:80", ExperimentOutcome.Status.FAILED, T, T + 300_000));
    ComponentHistory h = new ComponentHistory("nab/a", "nab/a", List.of(), List.of());
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ChaosLabels.apply(log.file(), ChaosLabels.read(log.file()), List.of(h)));
    assertEquals(
        "--labels "
            + log.file()
            + ": none of its components [shop/zz:80] is in the history (components: [nab/a])",
        e.getMessage());
    Path junk = Files.writeString(dir.resolve("junk.jsonl"), "{\"x\":1}\n");
    e = assertThrows(IllegalArgumentException.class, () -> ChaosLabels.read(junk));
    assertTrue(
        e.getMessage()
            .startsWith(
                "--labels "
                    + junk
                    + ": no experiment outcome read; lines [1] are not ExperimentOutcome JSON"),
        e.getMessage());
  }

  @Test
  void shouldPutOperatorVerdictsBeforeTheLabelsTheyOverlap(@TempDir Path dir) {
    io.augur.chaos.loop.LabelLog log =
        new io.augur.chaos.loop.LabelLog(dir.resolve("labels.jsonl"));
    new OutcomeLog(log.file())
        .append(outcome("shop/a:80", ExperimentOutcome.Status.FAILED, T, T + 300_000));
    log.appendOnce(
        io.augur.training.feedback.Verdict.FALSE_POSITIVE.window(
            "shop/a:80",
            T + 60_000,
            "alert:x@1",
            java.time.Duration.ofMinutes(1),
            java.time.Duration.ofMinutes(1)),
        "not a failure");
    ComponentHistory h =
        new ComponentHistory(
            "shop/a:80",
            "shop/a:80",
            List.of(),
            List.of(
                new LabelSpan(
                    "shop/a:80", T, T + 300_000, LabelSpan.Kind.FAILING, null, null, "demo")));
    List<LabelSpan> spans =
        ChaosLabels.apply(log.file(), ChaosLabels.read(log.file()), List.of(h)).get(0).spans();
    assertEquals(LabelSpan.Kind.NORMAL, spans.get(0).kind(), "the verdict is first: " + spans);
    assertEquals("operator", spans.get(0).source());
    assertEquals(T, spans.get(0).startMs());
    assertEquals(
        "demo", spans.get(1).source(), "then the source's own labels, then the chaos outcome's");
    assertEquals(
        5,
        spans.size(),
        "verdict, demo failing, chaos baseline, chaos failing, settling: " + spans);
  }
}
