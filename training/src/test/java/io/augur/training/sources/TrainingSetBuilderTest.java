package io.augur.training.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.domain.FeatureVector;
import io.augur.features.FeatureConfig;
import io.augur.features.FeatureSchemas;
import io.augur.models.LabelledWindow;
import io.augur.models.ProgressListener;
import io.augur.models.TrainingSet;
import io.augur.training.demo.DemoTrainingSet;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingSetBuilderTest {

  /**
   * A window as a comparable string: component, label, mode, failure time, each vector's time and
   * values' hash.
   */
  static String signature(LabelledWindow w) {
    StringBuilder sb =
        new StringBuilder(w.window().component())
            .append(w.failing())
            .append(w.mode())
            .append(w.failureTimeMs());
    for (FeatureVector v : w.window().recent()) {
      sb.append('|').append(v.timestampMs()).append(':').append(Arrays.hashCode(v.values()));
    }
    return sb.toString();
  }

  static List<String> signatures(TrainingSet s) {
    return s.labelled().stream().map(TrainingSetBuilderTest::signature).toList();
  }

  @Test
  void shouldGiveExactlyTheDemoTrainingSetsWindowsForTheDemoFleet() {
    SourceOptions o = SourceOptions.defaults().withFleets(1, 4, 1000);
    TrainingSetBuilder.Result mine =
        TrainingSetBuilder.build(
            new DemoSource(o).read(ProgressListener.NONE),
            TrainingPlan.defaults(false, 7),
            ProgressListener.NONE);
    TrainingSet theirs =
        DemoTrainingSet.build(
            DemoTrainingSet.trainingFleets(1, 1000, 960),
            FeatureConfig.demoFleet(),
            8,
            4,
            ProgressListener.NONE);
    assertEquals(FeatureSchemas.demoFleet(), mine.set().schema());
    assertTrue(theirs.failingCount() > 0, "the fleet has failures in 4 h");
    assertEquals(
        signatures(theirs),
        signatures(mine.set()),
        "same vectors, windows and labels as DemoTrainingSet");
    assertEquals(theirs.failingCount(), mine.stats().failingBySource().get("demo"));
  }

  @Test
  void shouldInjectEverySecondSegmentAndLabelOnlyAroundTheOnset(@TempDir Path dir)
      throws Exception {
    TestHistories.nabFile(dir, "cat", "a", 1200, 1);
    SourceHistory h =
        new NabSource(SourceOptions.defaults().withInputs(List.of(dir)))
            .read(ProgressListener.NONE);
    TrainingPlan plan = TrainingPlan.defaults(true, 3).withSegmentSteps(200);
    TrainingSetBuilder.Result r = TrainingSetBuilder.build(h, plan, ProgressListener.NONE);
    assertEquals(6, r.stats().segments());
    assertEquals(
        3,
        r.stats().injections().values().stream().mapToInt(Integer::intValue).sum(),
        "segments 0, 2 and 4");
    assertEquals(
        Set.of("spike", "level-shift", "trend"),
        r.stats().injections().keySet(),
        "the kinds in turn");
    Set<String> failingSegments =
        r.set().labelled().stream()
            .filter(LabelledWindow::failing)
            .map(w -> w.window().component())
            .collect(Collectors.toSet());
    assertEquals(Set.of("cat/a#0", "cat/a#2", "cat/a#4"), failingSegments);
    for (LabelledWindow w : r.set().labelled()) {
      if (w.failing()) {
        long onset = w.failureTimeMs() - plan.horizonMs();
        assertTrue(
            w.window().timestampMs() >= onset + 3 * 15_000
                && w.window().timestampMs() <= w.failureTimeMs(),
            "a failing window ends between 4 faulty steps and the horizon");
      }
    }
    assertEquals(r.stats().failing(), r.stats().failingBySource().get(TrainingSetBuilder.INJECTED));
    assertEquals(r.stats().normal(), r.stats().normalBySource().get(SourceHistory.ASSUMED_NORMAL));
  }

  @Test
  void shouldSizeSegmentsForSixInjectionsPerKindUnlessTold() {
    TrainingPlan auto = TrainingPlan.defaults(true, 1);
    assertEquals(300, auto.segmentLength(72 * 300), "history / 72");
    assertEquals(
        TrainingPlan.MIN_AUTO_STEPS, auto.segmentLength(2_000), "never shorter than 160 steps");
    assertEquals(TrainingPlan.MAX_AUTO_STEPS, auto.segmentLength(1_000_000), "nor longer than 480");
    assertEquals(200, auto.withSegmentSteps(200).segmentLength(1_000_000));
  }

  @Test
  void shouldInjectTheSameFaultsForTheSameSeedOnly(@TempDir Path dir) throws Exception {
    TestHistories.nabFile(dir, "cat", "a", 1200, 1);
    SourceHistory h =
        new NabSource(SourceOptions.defaults().withInputs(List.of(dir)))
            .read(ProgressListener.NONE);
    TrainingPlan plan = TrainingPlan.defaults(true, 3).withSegmentSteps(200);
    List<String> a = signatures(TrainingSetBuilder.build(h, plan, ProgressListener.NONE).set());
    assertEquals(a, signatures(TrainingSetBuilder.build(h, plan, ProgressListener.NONE).set()));
    assertNotEquals(
        a,
        signatures(
            TrainingSetBuilder.build(
                    h, TrainingPlan.defaults(true, 4).withSegmentSteps(200), ProgressListener.NONE)
                .set()));
  }

  @Test
  void shouldKeepRealFailingLabelsAndNotInjectIntoTheirSegment(@TempDir Path dir) throws Exception {
    TestHistories.nabFile(dir, "cat", "a", 1200, 1);
    SourceHistory h =
        new NabSource(SourceOptions.defaults().withInputs(List.of(dir)))
            .read(ProgressListener.NONE);
    ComponentHistory c = h.components().get(0);
    long from = c.startMs() + 100 * 15_000L;
    LabelSpan failing =
        new LabelSpan(
            "cat/a", from, from + 20 * 15_000L, LabelSpan.Kind.FAILING, null, null, "chaos");
    h = h.withComponents(List.of(c.withSpans(List.of(failing))));
    TrainingSetBuilder.Result r =
        TrainingSetBuilder.build(
            h, TrainingPlan.defaults(true, 3).withSegmentSteps(200), ProgressListener.NONE);
    List<LabelledWindow> chaos =
        r.set().labelled().stream()
            .filter(w -> w.failing() && w.window().component().equals("cat/a#0"))
            .toList();
    assertEquals(20, chaos.size(), "every step of the span, segment 0 not injected");
    assertEquals(20L, r.stats().failingBySource().get("chaos"));
    assertEquals(
        Set.of("spike", "level-shift", "trend"),
        r.stats().injections().keySet(),
        "segments 1, 3 and 5 injected instead");
  }
}
