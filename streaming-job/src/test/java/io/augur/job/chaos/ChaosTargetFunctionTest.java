package io.augur.job.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.domain.ExperimentPlan;
import io.augur.domain.FailurePrediction;
import io.augur.domain.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class ChaosTargetFunctionTest {
  private static final long T0 = 1_767_607_200_000L; // 2026-01-05T10:00Z, a Monday morning

  @Test
  void shouldPlanTheLikeliestComponentThroughTheGatesEachRound() throws Exception {
    List<ExperimentPlan> plans = run(new ChaosTargetSettings(Duration.ofMinutes(15), 1, List.of("shop"), null, true));
    assertFalse(plans.isEmpty(), "a healthy system with a likely failure should yield a target");
    for (ExperimentPlan p : plans) {
      assertTrue(p.targets().get(0).startsWith("payments"), "the likeliest component is the target: " + p.targets());
      assertEquals("shop", p.namespace());
      assertTrue(p.blastRadius() <= 0.05, "never above 5 % without an explicit override: " + p.blastRadius());
    }
  }

  @Test
  void shouldEmitNothingWhileHealthIsUnknown() throws Exception {
    assertEquals(List.of(), run(new ChaosTargetSettings(Duration.ofMinutes(15), 1, List.of("shop"), null, false)));
  }

  @Test
  void shouldNeverTargetKubeSystemEvenWhenListed() throws Exception {
    assertEquals(List.of(), run(new ChaosTargetSettings(Duration.ofMinutes(15), 3, List.of("kube-system"), null, true)));
  }

  private static List<ExperimentPlan> run(ChaosTargetSettings s) throws Exception {
    var h = new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new ChaosTargetFunction(s)), (FailurePrediction p) -> 0, BasicTypeInfo.INT_TYPE_INFO);
    h.open();
    String[] services = {"payments", "cart", "search", "auth", "orders", "ledger", "media", "quotes", "notify", "gateway"};
    for (int step = 0; step < 120; step++) { // 30 minutes of 15 s steps
      long t = T0 + step * 15_000L;
      for (String svc : services) {
        for (int pod = 0; pod < 4; pod++) {
          double p = svc.equals("payments") ? 0.85 : 0.05;
          h.processElement(new StreamRecord<>(prediction(svc + "/" + svc + "-" + pod + ":8080", svc, pod, t, p), t));
        }
      }
      h.processWatermark(new Watermark(t));
    }
    List<ExperimentPlan> out = h.extractOutputValues();
    h.close();
    return out;
  }

  private static FailurePrediction prediction(String component, String svc, int pod, long t, double p) {
    return new FailurePrediction(component, Map.of("job", svc, "instance", svc + "-" + pod + ":8080",
        "namespace", "kube-system".equals(svc) ? svc : "shop", "pod", svc + "-" + pod), t, p, Severity.of(p), null,
        List.of(component), p > 0.5 ? "memory-leak" : "unknown", List.of(), List.of(), Map.of("lstm", p), "test");
  }
}
