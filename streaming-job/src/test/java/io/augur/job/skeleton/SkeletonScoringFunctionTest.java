package io.augur.job.skeleton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.domain.FailurePrediction;
import io.augur.domain.MetricSample;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class SkeletonScoringFunctionTest {
  private static final long STEP = 15_000;
  private static final List<String> METRICS = List.of("cpu", "requests_total");

  private static KeyedOneInputStreamOperatorTestHarness<String, MetricSample, FailurePrediction>
      harness() throws Exception {
    var h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new SkeletonScoringFunction(METRICS, List.of("job"))),
            (MetricSample s) -> s.labels().get("job"),
            Types.STRING);
    h.open();
    return h;
  }

  private static void scrape(
      KeyedOneInputStreamOperatorTestHarness<String, MetricSample, FailurePrediction> h,
      String job,
      long t)
      throws Exception {
    h.processElement(new StreamRecord<>(new MetricSample("cpu", Map.of("job", job), t, 0.5), t));
    h.processElement(
        new StreamRecord<>(
            new MetricSample("requests_total", Map.of("job", job), t, t / 1000.0), t));
  }

  @Test
  void shouldPredictOncePerScrapeStep() throws Exception {
    var h = harness();
    for (int i = 1; i <= 5; i++) {
      scrape(h, "api", i * STEP);
      h.processWatermark(new Watermark(i * STEP));
    }
    List<Long> at = h.extractOutputValues().stream().map(FailurePrediction::timestampMs).toList();
    assertEquals(
        List.of(STEP, 2 * STEP, 3 * STEP, 4 * STEP, 5 * STEP),
        at,
        "one prediction per scrape timestamp");
    assertTrue(h.extractOutputValues().stream().allMatch(p -> p.component().equals("api")));
    h.close();
  }

  @Test
  void shouldForgetAComponentThatStoppedReportingAndLeaveNoTimers() throws Exception {
    var h = harness();
    for (int i = 1; i <= 4; i++) {
      scrape(h, "gone", i * STEP);
      scrape(h, "stays", i * STEP);
      h.processWatermark(new Watermark(i * STEP));
    }
    assertEquals(2, h.numKeyedStateEntries());
    assertEquals(2, h.numEventTimeTimers(), "one cleanup timer per component, not one per sample");
    long lastGone = 4 * STEP;
    long t = 5 * STEP;
    for (; t <= lastGone + SkeletonScoringFunction.IDLE_MS + STEP; t += STEP) {
      scrape(h, "stays", t);
      h.processWatermark(new Watermark(t));
    }
    assertEquals(
        1, h.numKeyedStateEntries(), "the silent component's state is cleared after an hour");
    assertEquals(1, h.numEventTimeTimers(), "only the live component's cleanup timer is left");
    long goneAfter =
        h.extractOutputValues().stream()
            .filter(p -> p.component().equals("gone") && p.timestampMs() > lastGone)
            .count();
    assertEquals(0, goneAfter, "clearing a component emits no prediction for it");
    h.processWatermark(new Watermark(Long.MAX_VALUE));
    assertEquals(0, h.numKeyedStateEntries(), "at the end of input nothing is left");
    assertEquals(0, h.numEventTimeTimers());
    h.close();
  }

  @Test
  void shouldKeepTheBaselineOfAComponentThatPausesForLessThanTheIdleTime() throws Exception {
    var h = harness();
    for (int i = 1; i <= 50; i++) {
      scrape(h, "api", i * STEP);
      h.processWatermark(new Watermark(i * STEP));
    }
    long back = 50 * STEP + SkeletonScoringFunction.IDLE_MS / 2;
    h.processWatermark(new Watermark(back - 1));
    assertEquals(1, h.numKeyedStateEntries(), "half an hour of silence keeps the state");
    scrape(h, "api", back);
    h.processWatermark(new Watermark(back));
    FailurePrediction last = h.extractOutputValues().get(h.extractOutputValues().size() - 1);
    assertEquals(back, last.timestampMs());
    assertTrue(
        !last.contributingFeatures().isEmpty(),
        "past warm-up, the scorer still explains its score: " + last);
    h.close();
  }
}
