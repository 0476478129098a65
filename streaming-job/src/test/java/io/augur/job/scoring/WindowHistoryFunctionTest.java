package io.augur.job.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.augur.domain.FeatureSchema;
import io.augur.domain.FeatureVector;
import io.augur.features.FeatureSchemas;
import io.augur.models.ComponentWindow;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class WindowHistoryFunctionTest {
  private static final long STEP = 15_000;

  /** vectors arrive a step and 10 s of lateness behind event time, as from the feature operator */
  private static final long DELAY = STEP + 10_000;

  private static final FeatureSchema SCHEMA = FeatureSchemas.demoFleet();

  private static FeatureVector vector(String component, long t) {
    return new FeatureVector(
        component, Map.of("job", component), t, SCHEMA, new double[SCHEMA.size()]);
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, FeatureVector, ComponentWindow>
      harness() throws Exception {
    var h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new WindowHistoryFunction(3, STEP, DELAY)),
            FeatureVector::component,
            Types.STRING);
    h.open();
    return h;
  }

  private static void offer(
      KeyedOneInputStreamOperatorTestHarness<String, FeatureVector, ComponentWindow> h,
      String component,
      long t)
      throws Exception {
    h.processElement(new StreamRecord<>(vector(component, t), t));
  }

  @Test
  void shouldEmitTheLastStepsAndStartAfreshAfterAGap() throws Exception {
    var h = harness();
    for (int i = 0; i < 5; i++) {
      offer(h, "a", i * STEP);
    }
    offer(h, "a", 4 * STEP); // a replay: its window was emitted already
    offer(h, "a", 7 * STEP); // a gap of two steps
    List<Integer> sizes = h.extractOutputValues().stream().map(w -> w.recent().size()).toList();
    assertEquals(List.of(1, 2, 3, 3, 3, 1), sizes);
    ComponentWindow last3 = h.extractOutputValues().get(4);
    assertEquals(
        List.of(2 * STEP, 3 * STEP, 4 * STEP),
        last3.recent().stream().map(FeatureVector::timestampMs).toList());
    h.close();
  }

  @Test
  void shouldLeaveNoStateOrTimersForAComponentThatWentAway() throws Exception {
    var h = harness();
    for (int i = 0; i < 4; i++) {
      offer(h, "gone", i * STEP);
      offer(h, "stays", i * STEP);
      h.processWatermark(
          new Watermark(i * STEP + DELAY)); // the watermark as it is when a vector arrives
    }
    assertEquals(2, h.numKeyedStateEntries(), "both components have a history");
    for (int i = 4; i < 8; i++) {
      offer(h, "stays", i * STEP);
      h.processWatermark(new Watermark(i * STEP + DELAY));
    }
    assertEquals(1, h.numKeyedStateEntries(), "the component that stopped reporting is cleared");
    assertEquals(
        2,
        h.numEventTimeTimers(),
        "only the live component's cleanup timers are left (one per vector, each due a step and the delay after it)");
    List<Integer> sizes =
        h.extractOutputValues().stream()
            .filter(w -> w.component().equals("stays"))
            .map(w -> w.recent().size())
            .toList();
    assertEquals(
        List.of(1, 2, 3, 3, 3, 3, 3, 3),
        sizes,
        "a component that keeps reporting keeps its history");
    offer(h, "gone", 8 * STEP);
    assertEquals(
        1,
        h.extractOutputValues().get(h.extractOutputValues().size() - 1).recent().size(),
        "a component that comes back starts afresh, as it would have after the gap");
    h.processWatermark(new Watermark(Long.MAX_VALUE));
    assertEquals(0, h.numKeyedStateEntries(), "at the end of input nothing is left");
    assertEquals(0, h.numEventTimeTimers());
    h.close();
  }
}
