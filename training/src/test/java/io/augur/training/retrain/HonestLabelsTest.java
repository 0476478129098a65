package io.augur.training.retrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.chaos.loop.LabelLog;
import io.augur.chaos.loop.OutcomeLog;
import io.augur.domain.ExperimentOutcome;
import io.augur.fleet.FailureMode;
import io.augur.models.ProgressListener;
import io.augur.training.feedback.Verdict;
import io.augur.training.sources.ComponentHistory;
import io.augur.training.sources.LabelSpan;
import io.augur.training.sources.SourceHistory;
import io.augur.training.sources.SourceOptions;
import io.augur.training.sources.TrainingPlan;
import io.augur.training.sources.TrainingSetBuilder;
import io.augur.training.sources.TrainingSources;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What each record of the label log proves, checked on the windows the training set builder makes
 * of a flat history: FAILED is failing, PASSED a negative inside its own span only, ABORTED and
 * unverified true-positive verdicts are left out, false-positive verdicts are normal.
 */
class HonestLabelsTest {
  static final long MIN = 60_000;
  static final long T0 = 1_000 * MIN;

  @TempDir Path dir;

  static ExperimentOutcome outcome(String id, String target, ExperimentOutcome.Status st, long at) {
    return new ExperimentOutcome(
        id,
        target,
        "cpu-stress",
        "cpu_saturation",
        st,
        at,
        at + 10 * MIN,
        0L,
        true,
        Map.of(),
        st == ExperimentOutcome.Status.ABORTED ? "abort condition error_rate > 0.05" : "");
  }

  static LabelSpan at(List<LabelSpan> spans, long t) {
    return spans.stream().filter(s -> s.contains(t)).findFirst().orElse(null);
  }

  @Test
  void shouldLabelOnlyWhatEachRecordProves() throws Exception {
    Path log = dir.resolve("labels.jsonl");
    OutcomeLog outcomes = new OutcomeLog(log);
    outcomes.append(outcome("p1", "a", ExperimentOutcome.Status.FAILED, T0));
    outcomes.append(outcome("p2", "a", ExperimentOutcome.Status.PASSED, T0 + 100 * MIN));
    outcomes.append(outcome("p3", "a", ExperimentOutcome.Status.ABORTED, T0 + 200 * MIN));
    LabelLog verdicts = new LabelLog(log);
    verdicts.appendOnce(
        Verdict.TRUE_POSITIVE.window(
            "a", T0 + 300 * MIN, "alert:1", Duration.ofMinutes(10), Duration.ofMinutes(5)),
        "mitigated");
    verdicts.appendOnce(
        Verdict.FALSE_POSITIVE.window(
            "a", T0 + 400 * MIN, "alert:2", Duration.ofMinutes(10), Duration.ofMinutes(5)),
        "");

    HonestLabels.Labels l = HonestLabels.read(log, false);
    HonestLabels.Counts c = l.counts();
    assertEquals(
        List.of(1, 1, 1, 1, 1),
        List.of(
            c.failedPositives(),
            c.passedNegatives(),
            c.abortedLeftOut(),
            c.falsePositiveVerdicts(),
            c.truePositiveVerdicts()));
    assertEquals(5, c.records());
    List<LabelSpan> spans = new java.util.ArrayList<>(l.leading().get("a"));
    spans.addAll(l.trailing().get("a"));

    LabelSpan failed = at(spans, T0 + 5 * MIN);
    assertEquals(LabelSpan.Kind.FAILING, failed.kind());
    assertEquals(FailureMode.fromId("cpu_saturation"), failed.mode());
    assertEquals(
        LabelSpan.Kind.EXCLUDED, at(spans, T0 + 12 * MIN).kind(), "settling after a breach");
    assertEquals(LabelSpan.Kind.NORMAL, at(spans, T0 - MIN).kind(), "the healthy baseline");

    assertEquals(LabelSpan.Kind.NORMAL, at(spans, T0 + 105 * MIN).kind(), "PASSED: a negative");
    assertEquals(null, at(spans, T0 + 111 * MIN), "only over the experiment's own span");

    assertEquals(
        LabelSpan.Kind.EXCLUDED, at(spans, T0 + 205 * MIN).kind(), "ABORTED: unverifiable");
    assertEquals(LabelSpan.Kind.EXCLUDED, at(spans, T0 + 211 * MIN).kind(), "and its settle time");

    assertEquals(
        LabelSpan.Kind.EXCLUDED,
        at(spans, T0 + 300 * MIN).kind(),
        "true-positive verdict: unverified");
    assertEquals(LabelSpan.Kind.NORMAL, at(spans, T0 + 400 * MIN).kind(), "false-positive verdict");

    HonestLabels.Labels included = HonestLabels.read(log, true);
    List<LabelSpan> inc = included.leading().get("a");
    assertEquals(
        LabelSpan.Kind.FAILING, at(inc, T0 + 300 * MIN).kind(), "--unverified-positives=include");
    assertTrue(included.counts().describe().contains("1 true-positive verdict(s) (failing)"));
    assertTrue(
        c.describe().contains("1 true-positive verdict(s) (left out: unverified)"), c.describe());
  }

  @Test
  void shouldNeverLetAPassedExperimentHideARealFailure() {
    // a simulated fleet's own failing label sits inside a PASSED experiment on that service
    SourceHistory demo =
        TrainingSources.defaults()
            .create("demo", SourceOptions.defaults().withFleets(1, 4, 1000))
            .read(ProgressListener.NONE);
    ComponentHistory h =
        demo.components().stream()
            .filter(c -> c.spans().stream().anyMatch(x -> x.kind() == LabelSpan.Kind.FAILING))
            .findFirst()
            .orElseThrow();
    LabelSpan real =
        h.spans().stream()
            .filter(x -> x.kind() == LabelSpan.Kind.FAILING)
            .findFirst()
            .orElseThrow();
    LabelLog.Contents log =
        new LabelLog.Contents(
            List.of(),
            List.of(
                outcome("p", h.component(), ExperimentOutcome.Status.PASSED, real.startMs() - MIN)),
            List.of());
    ComponentHistory labelled =
        HonestLabels.of(log, false).apply(dir.resolve("x.jsonl"), List.of(h)).get(0);
    var built =
        TrainingSetBuilder.build(
            demo.withComponents(List.of(labelled)),
            TrainingPlan.defaults(false, 1),
            ProgressListener.NONE);
    Map<Boolean, Long> inFailure = new TreeMap<>();
    for (var w : built.set().labelled()) {
      if (real.contains(w.window().timestampMs())) {
        inFailure.merge(w.failing(), 1L, Long::sum);
      }
    }
    assertTrue(inFailure.getOrDefault(true, 0L) > 0, "windows in the real failure: " + inFailure);
    assertEquals(
        0L, inFailure.getOrDefault(false, 0L), "none of them made normal by the PASSED run");
  }

  @Test
  void shouldRefuseALogAboutNoComponentOfTheHistory() {
    LabelLog.Contents log =
        new LabelLog.Contents(
            List.of(),
            List.of(outcome("p", "ghost", ExperimentOutcome.Status.FAILED, T0)),
            List.of());
    ComponentHistory h = new ComponentHistory("k", "real", List.of(), List.of());
    Path f = dir.resolve("labels.jsonl");
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> HonestLabels.of(log, false).apply(f, List.of(h)))
            .getMessage()
            .startsWith("--labels " + f + ": none of its components [ghost] is in the history"));
  }
}
