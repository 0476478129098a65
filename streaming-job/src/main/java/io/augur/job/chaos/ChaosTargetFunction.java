package io.augur.job.chaos;

import io.augur.chaos.config.ChaosConfig;
import io.augur.chaos.plan.PlanningRound;
import io.augur.chaos.prom.InMemoryMetricsSource;
import io.augur.chaos.prom.MetricsSource;
import io.augur.chaos.prom.PrometheusHttpSource;
import io.augur.chaos.safety.GateDecision;
import io.augur.chaos.safety.HealthGate;
import io.augur.chaos.safety.PreflightCheck;
import io.augur.chaos.safety.SafetyGates;
import io.augur.chaos.safety.SafetyPolicy;
import io.augur.chaos.targeting.ExperimentHistory;
import io.augur.chaos.targeting.RankingConfig;
import io.augur.domain.ExperimentPlan;
import io.augur.domain.FailurePrediction;
import io.augur.job.types.Types;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Points chaos experiments where failure is most likely: keeps the latest prediction of every
 * component and, every {@code every} of event time, runs the chaos planner's round (ranking, plans,
 * safety gates) over them. Approved plans are emitted as they are; plans the gates pass only with a
 * human's approval are emitted with {@code requiresApproval} set, for whoever runs experiments to
 * ask; deferred and rejected plans are not emitted. Runs keyed by a constant (one planner per job): the round sees the whole fleet.
 */
public class ChaosTargetFunction extends KeyedProcessFunction<Integer, FailurePrediction, ExperimentPlan> {
  private static final long serialVersionUID = 1L;

  private final ChaosTargetSettings settings;
  private transient MapState<String, FailurePrediction> latest;
  private transient ValueState<Long> nextRound;
  private transient MetricsSource health;

  public ChaosTargetFunction(ChaosTargetSettings settings) {
    this.settings = settings;
  }

  @Override
  public void open(OpenContext ctx) {
    latest = getRuntimeContext().getMapState(
        new MapStateDescriptor<>("latest-predictions", BasicTypeInfo.STRING_TYPE_INFO, Types.PREDICTION));
    nextRound = getRuntimeContext().getState(new ValueStateDescriptor<>("next-round", BasicTypeInfo.LONG_TYPE_INFO));
    ChaosConfig cfg = ChaosConfig.defaults();
    if (settings.simulated()) {
      InMemoryMetricsSource healthy = new InMemoryMetricsSource();
      cfg.healthQueries().forEach(q -> healthy.set(q.promql(), 0.0));
      health = healthy;
    } else if (settings.prometheusUrl() != null) {
      health = PrometheusHttpSource.of(URI.create(settings.prometheusUrl()));
    } else {
      health = new InMemoryMetricsSource(); // health unknown: the gate defers every plan
    }
  }

  @Override
  public void processElement(FailurePrediction p, Context ctx, Collector<ExperimentPlan> out) throws Exception {
    FailurePrediction old = latest.get(p.component());
    if (old == null || old.timestampMs() <= p.timestampMs()) {
      latest.put(p.component(), p);
    }
    if (nextRound.value() == null) {
      long at = p.timestampMs() + settings.every().toMillis();
      nextRound.update(at);
      ctx.timerService().registerEventTimeTimer(at);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<ExperimentPlan> out) throws Exception {
    List<FailurePrediction> current = new ArrayList<>();
    List<String> stale = new ArrayList<>();
    for (Map.Entry<String, FailurePrediction> e : latest.entries()) {
      if (e.getValue().timestampMs() < timestamp - 2 * settings.every().toMillis()) {
        stale.add(e.getKey()); // a component that stopped reporting is no target
      } else {
        current.add(e.getValue());
      }
    }
    for (String s : stale) {
      latest.remove(s);
    }
    if (!current.isEmpty()) {
      for (ExperimentPlan plan : round(current, timestamp)) {
        out.collect(plan);
      }
      long at = timestamp + settings.every().toMillis();
      nextRound.update(at);
      ctx.timerService().registerEventTimeTimer(at);
    } else {
      nextRound.clear();
    }
  }

  /** One planning round at event time {@code nowMs}; the approved plans. */
  List<ExperimentPlan> round(List<FailurePrediction> predictions, long nowMs) {
    Clock clock = Clock.fixed(Instant.ofEpochMilli(nowMs), ZoneOffset.UTC);
    ChaosConfig cfg = ChaosConfig.defaults();
    ExperimentHistory history = new ExperimentHistory();
    SafetyPolicy policy = SafetyPolicy.defaults(new HashSet<>(settings.namespaces()))
        .withAbortConditions(cfg.abortConditions());
    if (settings.simulated()) {
      policy = policy.withWindows(List.of(), List.of()); // simulated time has no business hours
    }
    SafetyGates gates = new SafetyGates(policy, new HealthGate(health, cfg.healthQueries(), cfg.healthThreshold()),
        List.of(PreflightCheck.minReplicasForDestructive(), PreflightCheck.noRunningExperiment(history)), clock);
    PlanningRound.Result r = new PlanningRound(RankingConfig.DEFAULT, gates, settings.namespaces().get(0), 1, clock)
        .run(predictions, history, settings.maxTargets());
    List<ExperimentPlan> targets = new ArrayList<>();
    for (GateDecision d : r.decisions()) {
      ExperimentPlan p = d.planned().plan();
      if (d.status() == GateDecision.Status.APPROVED) {
        targets.add(p);
      } else if (d.status() == GateDecision.Status.NEEDS_APPROVAL) {
        targets.add(new ExperimentPlan(p.id(), p.targets(), p.namespace(), p.experimentType(), p.failureMode(),
            p.durationSeconds(), p.blastRadius(), p.successCriteria(), p.rollbackTriggers(), p.evidence(), true,
            p.createdAtMs()));
      }
    }
    return targets;
  }
}
