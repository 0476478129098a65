package io.augur.job.chaos;

import io.augur.chaos.config.ChaosConfig;
import io.augur.chaos.prom.MetricsSource;
import io.augur.chaos.targeting.ExperimentHistory;
import io.augur.chaos.targeting.RunningExperiment;
import io.augur.domain.ExperimentOutcome;
import io.augur.domain.ExperimentPlan;
import io.augur.domain.FailurePrediction;
import io.augur.job.types.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Points chaos experiments where failure is most likely: keeps the latest prediction of every
 * component and, every {@code every} of event time, runs the chaos planner's round (ranking, plans,
 * safety gates) over them. Approved plans are emitted as they are; plans the gates pass only with a
 * human's approval are emitted with {@code requiresApproval} set; deferred and rejected plans are
 * not emitted. Runs keyed by a constant (one planner per job): the round sees the whole fleet.
 *
 * <p>The second input ({@link PlannerInput}) feeds the loop, all of it kept in keyed state so that
 * it survives a restore:
 *
 * <ul>
 *   <li>outcomes (from the experiment engine's outcome log): the history the ranking's recency
 *       reads, kept for {@code chaos.historyRetention}; an outcome ends its plan's running
 *       experiment;
 *   <li>every plan this function emits counts as running on its service (no second experiment
 *       there) until its outcome arrives or its duration plus {@code chaos.runningGrace} has
 *       passed;
 *   <li>replica counts per service, which win over labels, instance counts and {@code
 *       chaos.defaultReplicas}; they expire like predictions, two rounds after their last sample;
 *   <li>health readings, polled off the scoring path: the round reads the latest from state, and
 *       one older than {@code chaos.healthMaxAge} (or none) is unknown health, which defers every
 *       plan.
 * </ul>
 *
 * The timer never does I/O. When no component reports any more, rounds go on only while some state
 * has yet to expire; then the state is empty and no timer is left.
 */
public class ChaosTargetFunction
    extends KeyedCoProcessFunction<Integer, FailurePrediction, PlannerInput, ExperimentPlan> {
  private static final long serialVersionUID = 1L;

  static final TypeInformation<ExperimentOutcome> OUTCOME = Types.json(ExperimentOutcome.class);
  static final TypeInformation<RunningExperiment> RUNNING = Types.json(RunningExperiment.class);
  static final TypeInformation<ReplicaCount> REPLICAS = Types.json(ReplicaCount.class);
  static final TypeInformation<HealthReading> HEALTH = Types.json(HealthReading.class);
  public static final TypeInformation<PlannerInput> INPUT = Types.json(PlannerInput.class);

  /** One {@link RoundSummary} per round that had components to rank. */
  public static final OutputTag<RoundSummary> ROUNDS =
      new OutputTag<>("chaos-rounds", Types.json(RoundSummary.class));

  private final ChaosTargetSettings settings;
  private transient MapState<String, FailurePrediction> latest;
  private transient ValueState<Long> nextRound;
  private transient MapState<String, ExperimentOutcome> outcomes;
  private transient MapState<String, RunningExperiment> running;
  private transient MapState<String, ReplicaCount> replicas;
  private transient ValueState<HealthReading> health;
  private transient ChaosConfig cfg;
  private transient JobRound.Result lastRound;

  public ChaosTargetFunction(ChaosTargetSettings settings) {
    this.settings = settings;
  }

  @Override
  public void open(OpenContext ctx) {
    var rc = getRuntimeContext();
    latest =
        rc.getMapState(
            new MapStateDescriptor<>(
                "latest-predictions", BasicTypeInfo.STRING_TYPE_INFO, Types.PREDICTION));
    nextRound = rc.getState(new ValueStateDescriptor<>("next-round", BasicTypeInfo.LONG_TYPE_INFO));
    outcomes =
        rc.getMapState(
            new MapStateDescriptor<>("outcomes", BasicTypeInfo.STRING_TYPE_INFO, OUTCOME));
    running =
        rc.getMapState(
            new MapStateDescriptor<>("running", BasicTypeInfo.STRING_TYPE_INFO, RUNNING));
    replicas =
        rc.getMapState(
            new MapStateDescriptor<>("replicas", BasicTypeInfo.STRING_TYPE_INFO, REPLICAS));
    health = rc.getState(new ValueStateDescriptor<>("health", HEALTH));
    cfg = ChaosConfig.defaults();
  }

  @Override
  public void processElement1(FailurePrediction p, Context ctx, Collector<ExperimentPlan> out)
      throws Exception {
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
  public void processElement2(PlannerInput in, Context ctx, Collector<ExperimentPlan> out)
      throws Exception {
    if (in.outcome() != null) {
      ExperimentOutcome o = in.outcome();
      outcomes.put(
          o.planId() + "|" + o.target(),
          o); // the log read again after a restore: same key, no double count
      running.remove(o.planId());
    } else if (in.health() != null) {
      HealthReading h = health.value();
      if (h == null || h.timestampMs() <= in.health().timestampMs()) {
        health.update(in.health());
      }
    } else {
      ReplicaCount r = in.replicas();
      ReplicaCount old = replicas.get(r.service());
      if (old == null || old.timestampMs() <= r.timestampMs()) {
        replicas.put(r.service(), r);
      }
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<ExperimentPlan> out)
      throws Exception {
    long every = settings.every().toMillis();
    List<FailurePrediction> current = new ArrayList<>();
    for (String s : expired(latest, p -> p.timestampMs() < timestamp - 2 * every, current)) {
      latest.remove(s); // a component that stopped reporting is no target
    }
    for (String k :
        expired(
            outcomes,
            o -> o.endedAtMs() < timestamp - settings.loop().historyRetention().toMillis(),
            null)) {
      outcomes.remove(k);
    }
    for (String k : expired(running, r -> r.untilMs() <= timestamp, null)) {
      running.remove(k);
    }
    Map<String, Integer> pods = new HashMap<>();
    List<ReplicaCount> counts = new ArrayList<>();
    for (String k : expired(replicas, r -> r.timestampMs() < timestamp - 2 * every, counts)) {
      replicas.remove(k);
    }
    counts.forEach(r -> pods.put(r.service(), r.replicas()));
    HealthReading h = health.value();
    boolean fresh =
        h != null && h.timestampMs() >= timestamp - settings.loop().healthMaxAge().toMillis();
    if (h != null && !fresh) {
      health.clear();
    }

    if (!current.isEmpty()) {
      MetricsSource source =
          settings.simulated()
              ? JobRound.perfectHealth(cfg)
              : fresh
                  ? h.asSource()
                  : HealthReading.unknown(
                      h == null
                          ? "no health reading yet"
                          : "the last health reading (at "
                              + h.timestampMs()
                              + ") is older than chaos.healthMaxAge "
                              + settings.loop().healthMaxAge());
      ExperimentHistory hist = history();
      int known = 0;
      for (String ignored : outcomes.keys()) {
        known++;
      }
      int stillRunning = hist.running().size();
      lastRound = new JobRound(settings, cfg).run(current, timestamp, hist, pods, source);
      for (ExperimentPlan plan : lastRound.plans()) {
        String service =
            plan.evidence().getOrDefault("app", plan.targets().get(0).split("/", 2)[0]);
        running.put(
            plan.id(),
            new RunningExperiment(
                plan.id(),
                plan.targets(),
                service,
                timestamp,
                timestamp
                    + plan.durationSeconds() * 1000
                    + settings.loop().runningGrace().toMillis()));
        out.collect(plan);
      }
      Map<String, Integer> byStatus = new java.util.TreeMap<>();
      lastRound.held().forEach((k, v) -> byStatus.put(k.name(), v));
      ctx.output(
          ROUNDS,
          new RoundSummary(
              timestamp,
              current.size(),
              lastRound.plans().stream().map(p -> p.targets().get(0)).toList(),
              byStatus,
              lastRound.kinds(),
              known,
              stillRunning));
    }
    if (!current.isEmpty()
        || !outcomes.isEmpty()
        || !running.isEmpty()
        || !replicas.isEmpty()
        || health.value() != null) {
      long at = timestamp + every;
      nextRound.update(at);
      ctx.timerService().registerEventTimeTimer(at);
    } else {
      nextRound.clear();
    }
  }

  /**
   * The last round's result on this task (for tests and the demo's reporting); null before the
   * first.
   */
  JobRound.Result lastRound() {
    return lastRound;
  }

  private ExperimentHistory history() throws Exception {
    ExperimentHistory hist = new ExperimentHistory();
    for (ExperimentOutcome o : outcomes.values()) {
      hist.add(o);
    }
    for (RunningExperiment r : running.values()) {
      hist.addRunning(r);
    }
    return hist;
  }

  /** Keys of entries matching {@code gone}; the others are added to {@code keep} when given. */
  private static <V> List<String> expired(
      MapState<String, V> state, java.util.function.Predicate<V> gone, List<V> keep)
      throws Exception {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, V> e : state.entries()) {
      if (gone.test(e.getValue())) {
        out.add(e.getKey());
      } else if (keep != null) {
        keep.add(e.getValue());
      }
    }
    return out;
  }
}
