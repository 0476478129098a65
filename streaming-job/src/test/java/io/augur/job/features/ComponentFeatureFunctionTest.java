package io.augur.job.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.domain.DeadLetter;
import io.augur.domain.FeatureVector;
import io.augur.domain.MetricSample;
import io.augur.features.FleetFeatures;
import io.augur.fleet.DemoFleet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The keyed operator in Flink's harness: output, side outputs, snapshot/restore, state and timer
 * cleanup.
 */
class ComponentFeatureFunctionTest {

  @Test
  void shouldEmitExactlyTheVectorsOfTheOfflineExtractor() throws Exception {
    DemoFleet fleet = FleetStreams.fleet(60);
    try (var h = FleetStreams.harness()) {
      h.open();
      FleetStreams.feed(h, fleet, 0, 60);
      h.processWatermark(fleet.timeOf(59) + FleetStreams.CFG.allowedLatenessMs());
      List<FeatureVector> expected = new ArrayList<>();
      FleetFeatures.vectors(fleet, FleetStreams.CFG).values().forEach(expected::addAll);
      expected.sort(
          Comparator.comparingLong(FeatureVector::timestampMs)
              .thenComparing(FeatureVector::component));
      assertEquals(4 * 60, expected.size());
      assertEquals(expected, FleetStreams.vectors(h));
    }
  }

  @ParameterizedTest(name = "rocksDb={0}")
  @ValueSource(booleans = {false, true})
  void shouldEmitAfterRestoreExactlyWhatAnUninterruptedRunEmits(boolean rocksDb) throws Exception {
    DemoFleet fleet = FleetStreams.fleet(80);
    List<FeatureVector> uninterrupted;
    try (var h = FleetStreams.harness(rocksDb)) {
      h.open();
      FleetStreams.feed(h, fleet, 0, 80);
      uninterrupted = FleetStreams.vectors(h);
    }
    List<FeatureVector> resumed = new ArrayList<>();
    OperatorSubtaskState snapshot;
    try (var before = FleetStreams.harness(rocksDb)) {
      before.open();
      FleetStreams.feed(before, fleet, 0, 37);
      // a sample of the next step is already in, its step not yet complete
      before.processElement(fleet.step(37).get(0), fleet.timeOf(37));
      snapshot = before.snapshot(1L, fleet.timeOf(36));
      resumed.addAll(FleetStreams.vectors(before));
    }
    try (var after = FleetStreams.harness(rocksDb)) {
      after.initializeState(snapshot);
      after.open();
      List<MetricSample> rest = new ArrayList<>(fleet.step(37).subList(1, fleet.step(37).size()));
      for (MetricSample s : rest) {
        after.processElement(s, s.timestampMs());
      }
      after.processWatermark(fleet.timeOf(37));
      FleetStreams.feed(after, fleet, 38, 80);
      resumed.addAll(FleetStreams.vectors(after));
    }
    resumed.sort(
        Comparator.comparingLong(FeatureVector::timestampMs)
            .thenComparing(FeatureVector::component));
    assertTrue(uninterrupted.size() > 4 * 70, "vectors " + uninterrupted.size());
    assertEquals(uninterrupted, resumed);
  }

  @Test
  void shouldSendLateSamplesToTheLateOutputWithTheReason() throws Exception {
    DemoFleet fleet = FleetStreams.fleet(20);
    try (var h = FleetStreams.harness()) {
      h.open();
      FleetStreams.feed(h, fleet, 0, 20);
      MetricSample late = fleet.step(5).get(0);
      h.processElement(late, late.timestampMs());
      List<DeadLetter> letters = values(h.getSideOutput(ComponentFeatureFunction.LATE));
      assertEquals(1, letters.size());
      assertTrue(letters.get(0).message().startsWith("late:"), letters.get(0).message());
      assertTrue(letters.get(0).rawInput().contains(late.metric()));
      assertEquals(late.timestampMs(), letters.get(0).timestampMs());
    }
  }

  @ParameterizedTest(name = "rocksDb={0}")
  @ValueSource(booleans = {false, true})
  void shouldParkSamplesFarAheadOfTheWatermarkAndEmitWhatAnInOrderRunEmits(boolean rocksDb)
      throws Exception {
    DemoFleet fleet = FleetStreams.fleet(70);
    Racing run = racingPartition(fleet, new ComponentFeatureFunction(FleetStreams.CFG), rocksDb);
    List<FeatureVector> expected = new ArrayList<>();
    FleetFeatures.vectors(fleet, FleetStreams.CFG).values().forEach(expected::addAll);
    expected.sort(
        Comparator.comparingLong(FeatureVector::timestampMs)
            .thenComparing(FeatureVector::component));
    assertEquals(List.of(), run.letters(), "no sample of the racing partition is dead-lettered");
    assertEquals(expected, run.vectors());
  }

  @Test
  void shouldDeadLetterTooEarlySamplesOnlyBeyondThePark() throws Exception {
    DemoFleet fleet = FleetStreams.fleet(70);
    Racing none = racingPartition(fleet, new ComponentFeatureFunction(FleetStreams.CFG, 0), false);
    Racing some = racingPartition(fleet, new ComponentFeatureFunction(FleetStreams.CFG, 25), false);
    assertTrue(
        none.letters().size() > 25,
        "without a park the race loses samples: " + none.letters().size());
    assertEquals(
        none.letters().size() - 25, some.letters().size(), "a park of 25 saves exactly 25 samples");
    assertTrue(
        none.letters().get(0).message().startsWith("too early"), none.letters().get(0).message());
    assertTrue(
        some.letters().get(0).message().contains("park of 25 early samples is full"),
        some.letters().get(0).message());
  }

  private record Racing(List<FeatureVector> vectors, List<DeadLetter> letters) {}

  /**
   * Steps 0-19 in order; then one component's samples of steps 20-59 race ahead while the watermark
   * waits at step 19 for the others; a checkpoint and restore; then the others catch up to step 69.
   */
  private static Racing racingPartition(
      DemoFleet fleet, ComponentFeatureFunction f, boolean rocksDb) throws Exception {
    String racer = fleet.step(0).get(0).labels().get("job");
    List<FeatureVector> out;
    List<DeadLetter> letters;
    OperatorSubtaskState snapshot;
    try (var before = FleetStreams.harness(f, rocksDb)) {
      before.open();
      FleetStreams.feed(before, fleet, 0, 20);
      for (long k = 20; k < 60; k++) {
        for (MetricSample s : fleet.step(k)) {
          if (s.labels().get("job").equals(racer)) {
            before.processElement(s, s.timestampMs());
          }
        }
      }
      snapshot = before.snapshot(1L, fleet.timeOf(19));
      out = new ArrayList<>(FleetStreams.vectors(before));
      letters = new ArrayList<>(values(before.getSideOutput(ComponentFeatureFunction.LATE)));
    }
    try (var after = FleetStreams.harness(f, rocksDb)) {
      after.initializeState(snapshot);
      after.open();
      for (long k = 20; k < 70; k++) {
        for (MetricSample s : fleet.step(k)) {
          if (k >= 60 || !s.labels().get("job").equals(racer)) {
            after.processElement(s, s.timestampMs());
          }
        }
        after.processWatermark(fleet.timeOf(k));
      }
      after.processWatermark(fleet.timeOf(69) + FleetStreams.CFG.allowedLatenessMs());
      out.addAll(FleetStreams.vectors(after));
      letters.addAll(values(after.getSideOutput(ComponentFeatureFunction.LATE)));
    }
    out.sort(
        Comparator.comparingLong(FeatureVector::timestampMs)
            .thenComparing(FeatureVector::component));
    return new Racing(out, letters);
  }

  @Test
  void shouldSendSeriesBeyondTheCapToTheOverCapOutput() throws Exception {
    DemoFleet fleet = FleetStreams.fleet(2);
    try (var h = FleetStreams.harness()) {
      h.open();
      FleetStreams.feed(h, fleet, 0, 1);
      MetricSample base = fleet.step(1).get(0);
      int cap = FleetStreams.CFG.maxSeriesPerComponent();
      for (int i = 0; i < cap; i++) {
        Map<String, String> labels = new HashMap<>(base.labels());
        labels.put("path", "/p" + i);
        h.processElement(
            new MetricSample(base.metric(), labels, base.timestampMs(), 1), base.timestampMs());
      }
      List<DeadLetter> letters = values(h.getSideOutput(ComponentFeatureFunction.OVER_CAP));
      // the component already had its 10 series: the last 10 new ones are refused
      assertEquals(10, letters.size());
      assertTrue(
          letters.get(0).message().contains("maxSeriesPerComponent=" + cap),
          letters.get(0).message());
    }
  }

  @Test
  void shouldClearStateAndTimersWhenEverySeriesHasExpired() throws Exception {
    DemoFleet fleet = FleetStreams.fleet(10);
    try (var h = FleetStreams.harness()) {
      h.open();
      FleetStreams.feed(h, fleet, 0, 10);
      assertTrue(h.numKeyedStateEntries() >= 4, "entries " + h.numKeyedStateEntries());
      assertTrue(h.numEventTimeTimers() > 0);
      h.processWatermark(
          fleet.timeOf(9) + FleetStreams.CFG.seriesTtlMs() + FleetStreams.CFG.allowedLatenessMs());
      assertEquals(0, h.numKeyedStateEntries());
      assertEquals(0, h.numEventTimeTimers());
      // it emitted until the TTL, with the missing ratio telling the story
      List<FeatureVector> out = FleetStreams.vectors(h);
      FeatureVector last = out.get(out.size() - 1);
      assertEquals(1.0, last.get("process_cpu_usage_ratio:missing_ratio"), 1e-12);
    }
  }

  private static <T> List<T> values(java.util.Collection<StreamRecord<T>> records) {
    List<T> out = new ArrayList<>();
    if (records != null) {
      records.forEach(r -> out.add(r.getValue()));
    }
    return out;
  }
}
