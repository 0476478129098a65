package io.augur.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.augur.domain.AlertPolicy;
import io.augur.domain.AlertState;
import io.augur.domain.FailureAlert;
import io.augur.domain.FailurePrediction;
import io.augur.domain.Severity;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The keyed alert operator in Flink's test harness: transitions, state clean-up, restore. */
class AlertFunctionTest {
  private static final long STEP = 15_000;
  private static final AlertPolicy POLICY = AlertPolicy.defaults().withHold(3, 4);

  private static KeyedOneInputStreamOperatorTestHarness<String, FailurePrediction, FailureAlert>
      harness() throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new AlertFunction(POLICY)),
        FailurePrediction::component,
        Types.STRING);
  }

  private static void predict(
      KeyedOneInputStreamOperatorTestHarness<String, FailurePrediction, FailureAlert> h,
      String component,
      int step,
      double probability)
      throws Exception {
    long t = 1_000_000 + step * STEP;
    h.processElement(
        new StreamRecord<>(
            new FailurePrediction(
                component,
                Map.of("job", component),
                t,
                probability,
                Severity.of(probability),
                null,
                null,
                "unknown",
                null,
                null,
                null,
                "test"),
            t));
  }

  private static List<String> transitions(
      KeyedOneInputStreamOperatorTestHarness<String, FailurePrediction, FailureAlert> h) {
    return h.extractOutputValues().stream()
        .map(a -> a.component() + " " + a.state() + " " + a.severity() + " @" + stepOf(a))
        .toList();
  }

  private static long stepOf(FailureAlert a) {
    long t = a.state() == AlertState.RESOLVED ? a.endsAtMs() : a.startsAtMs();
    return (t - 1_000_000) / STEP;
  }

  @Test
  void shouldFireAndResolvePerComponentAndKeepNoStateForQuietComponents() throws Exception {
    var h = harness();
    h.open();
    for (int i = 0; i < 6; i++) {
      predict(h, "quiet", i, 0.1);
    }
    assertEquals(0, h.numKeyedStateEntries(), "a component below every threshold keeps no state");

    double[] trace = {0.8, 0.8, 0.5, 0.95, 0.5, 0.5, 0.5, 0.5, 0.1, 0.1, 0.1, 0.1};
    for (int i = 0; i < trace.length; i++) {
      predict(h, "api", i, trace[i]);
      predict(h, "quiet", 6 + i, 0.1);
    }
    assertEquals(
        List.of("api FIRING HIGH @3", "api RESOLVED HIGH @4"),
        transitions(h),
        "3 of the last 4 steps at or above 0.7 fire (through the dip at step 2); fewer than 3"
            + " of 4 at or above the resolve threshold resolve");
    assertEquals(
        0,
        h.numKeyedStateEntries(),
        "once resolved and the window has drained, the component's state is cleared");
    assertEquals(0, h.numEventTimeTimers() + h.numProcessingTimeTimers(), "no timers are used");
    h.close();
  }

  @Test
  void shouldCarryAHalfFinishedHoldAcrossASnapshotAndRestore() throws Exception {
    var h = harness();
    h.open();
    predict(h, "api", 0, 0.8);
    predict(h, "api", 1, 0.8);
    assertEquals(List.of(), transitions(h), "two steps above are not yet a 3-of-4 hold");
    OperatorSubtaskState snapshot = h.snapshot(1, 1);
    h.close();

    var restored = harness();
    restored.initializeState(snapshot);
    restored.open();
    assertEquals(1, restored.numKeyedStateEntries(), "the pending hold was restored");
    predict(restored, "api", 2, 0.75);
    assertEquals(
        List.of("api FIRING MEDIUM @2"),
        transitions(restored),
        "the third step above, after the restore, completes the hold that started before it");
    restored.close();
  }
}
