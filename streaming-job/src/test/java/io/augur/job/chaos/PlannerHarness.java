package io.augur.job.chaos;

import io.augur.chaos.config.ChaosConfig;
import io.augur.chaos.safety.HealthQuery;
import io.augur.domain.ExperimentOutcome;
import io.augur.domain.ExperimentPlan;
import io.augur.domain.FailurePrediction;
import io.augur.domain.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;

/**
 * The planner under Flink's keyed two-input harness, driven in 15 s event-time steps over a fleet
 * of services with fixed probabilities; collects the plans each step produced.
 */
final class PlannerHarness implements AutoCloseable {
  static final long T0 = 1_767_607_200_000L; // 2026-01-05T10:00Z, a Monday morning
  static final long STEP = 15_000L;

  final ChaosTargetFunction fn;
  final KeyedTwoInputStreamOperatorTestHarness<
          Integer, FailurePrediction, PlannerInput, ExperimentPlan>
      h;

  /** service -> probability; pods per service reported as separate components. */
  final Map<String, Double> fleet = new LinkedHashMap<>();

  int podsPerService = 1;

  /** replica counts sent as kube-state-metrics would, per step; empty: none. */
  final Map<String, Integer> replicas = new LinkedHashMap<>();

  boolean healthEachStep = true;
  long t = T0;
  private int emitted;

  PlannerHarness(ChaosTargetSettings s) throws Exception {
    this(s, null);
  }

  PlannerHarness(ChaosTargetSettings s, OperatorSubtaskState restore) throws Exception {
    fn = new ChaosTargetFunction(s);
    h =
        new KeyedTwoInputStreamOperatorTestHarness<>(
            new KeyedCoProcessOperator<>(fn),
            (FailurePrediction p) -> 0,
            (PlannerInput p) -> 0,
            BasicTypeInfo.INT_TYPE_INFO);
    h.setup();
    if (restore != null) {
      h.initializeState(restore);
    }
    h.open();
  }

  static Map<String, Double> healthy() {
    Map<String, Double> v = new LinkedHashMap<>();
    for (HealthQuery q : ChaosConfig.defaults().healthQueries()) {
      v.put(q.promql(), 0.0);
    }
    return v;
  }

  void health(long at) throws Exception {
    h.processElement2(
        new StreamRecord<>(
            PlannerInput.of(new HealthReading(at, healthy(), List.of(), List.of()))));
  }

  void outcome(ExperimentPlan p, ExperimentOutcome.Status status, long endedAt) throws Exception {
    for (String target : p.targets()) {
      h.processElement2(
          new StreamRecord<>(
              PlannerInput.of(
                  new ExperimentOutcome(
                      p.id(),
                      target,
                      p.experimentType(),
                      p.failureMode(),
                      status,
                      p.createdAtMs(),
                      endedAt,
                      null,
                      true,
                      Map.of(),
                      "test"))));
    }
  }

  /** Advances {@code steps} steps; returns the plans emitted meanwhile. */
  List<ExperimentPlan> steps(int steps) throws Exception {
    for (int i = 0; i < steps; i++) {
      t += STEP;
      if (healthEachStep) {
        health(t);
      }
      for (Map.Entry<String, Integer> r : replicas.entrySet()) {
        h.processElement2(
            new StreamRecord<>(PlannerInput.of(new ReplicaCount(r.getKey(), r.getValue(), t))));
      }
      for (Map.Entry<String, Double> e : fleet.entrySet()) {
        for (int pod = 0; pod < podsPerService; pod++) {
          h.processElement1(new StreamRecord<>(prediction(e.getKey(), pod, t, e.getValue()), t));
        }
      }
      h.processBothWatermarks(new Watermark(t));
    }
    List<ExperimentPlan> all = h.extractOutputValues();
    List<ExperimentPlan> fresh = new ArrayList<>(all.subList(emitted, all.size()));
    emitted = all.size();
    return fresh;
  }

  /** Just time: no predictions, no signals. */
  void idle(long ms) throws Exception {
    t += ms;
    h.processBothWatermarks(new Watermark(t));
  }

  static FailurePrediction prediction(String svc, int pod, long t, double p) {
    String component = svc + "/" + svc + "-" + pod + ":8080";
    return new FailurePrediction(
        component,
        Map.of(
            "job",
            svc,
            "instance",
            svc + "-" + pod + ":8080",
            "namespace",
            "kube-system".equals(svc) ? svc : "shop",
            "pod",
            svc + "-" + pod),
        t,
        p,
        Severity.of(p),
        null,
        List.of(component),
        "memory-leak",
        List.of(),
        List.of(),
        Map.of("lstm", p),
        "test");
  }

  static String service(ExperimentPlan p) {
    return p.targets().get(0).split("/", 2)[0];
  }

  @Override
  public void close() throws Exception {
    h.close();
  }
}
