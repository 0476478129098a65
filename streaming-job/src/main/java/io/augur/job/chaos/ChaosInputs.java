package io.augur.job.chaos;

import io.augur.chaos.config.ChaosConfig;
import io.augur.chaos.safety.HealthQuery;
import io.augur.domain.MetricSample;
import io.augur.job.types.Types;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

/**
 * The planner's second input: replica counts read off the samples, health polled from Prometheus in
 * a source of its own, and outcomes followed from the outcome log. The two polling sources run on
 * wall-clock time and say nothing about event time: their watermark is "no later record will be
 * late", so they never hold the planner's rounds back.
 */
public final class ChaosInputs {
  /** Reads of the outcome log after {@code chaos outcomeFollowUntil} appeared, before it ends. */
  static final int DRAIN_POLLS = 5;

  private ChaosInputs() {}

  public static DataStream<PlannerInput> signals(
      StreamExecutionEnvironment env, DataStream<MetricSample> samples, ChaosTargetSettings s) {
    DataStream<PlannerInput> all =
        samples
            .flatMap(
                (MetricSample m, Collector<PlannerInput> out) ->
                    ReplicaCount.of(m).map(PlannerInput::of).ifPresent(out::collect))
            .returns(ChaosTargetFunction.INPUT)
            .name("replica counts");
    if (!s.simulated() && s.prometheusUrl() != null) {
      HealthPoller poller =
          new HealthPoller(
              s.prometheusUrl(),
              ChaosConfig.defaults().healthQueries().stream().map(HealthQuery::promql).toList(),
              s.loop());
      all =
          all.union(
              env.fromSource(
                      new DataGeneratorSource<>(
                          poller,
                          Long.MAX_VALUE,
                          RateLimiterStrategy.perSecond(
                              1000.0 / s.loop().healthPollInterval().toMillis()),
                          ChaosTargetFunction.INPUT),
                      timeless(),
                      "chaos health " + s.prometheusUrl())
                  .setParallelism(1)
                  .uid("chaos-health"));
    }
    if (s.loop().outcomeLog() != null) {
      DataGeneratorSource<OutcomeFollower.Batch> follower =
          new DataGeneratorSource<>(
              new OutcomeFollower(s.loop().outcomeLog()),
              Long.MAX_VALUE,
              RateLimiterStrategy.perSecond(1000.0 / s.loop().outcomePollInterval().toMillis()),
              Types.json(OutcomeFollower.Batch.class));
      String name = "chaos outcomes " + s.loop().outcomeLog();
      DataStream<OutcomeFollower.Batch> batches =
          (s.loop().outcomeFollowUntil() == null
                  ? env.fromSource(follower, timeless(), name)
                  : env.fromSource(
                      new UntilFileSource<>(follower, s.loop().outcomeFollowUntil(), DRAIN_POLLS),
                      timeless(),
                      name))
              .setParallelism(1)
              .uid("chaos-outcomes");
      all =
          all.union(
              batches
                  .flatMap(
                      (OutcomeFollower.Batch b, Collector<PlannerInput> out) ->
                          b.outcomes().forEach(o -> out.collect(PlannerInput.of(o))))
                  .returns(ChaosTargetFunction.INPUT)
                  .setParallelism(1)
                  .name("chaos outcomes to planner"));
    }
    return all;
  }

  /** Watermarks for a wall-clock side input: never holds event time back. */
  static <T> WatermarkStrategy<T> timeless() {
    return WatermarkStrategy.forGenerator(
        ctx ->
            new WatermarkGenerator<T>() {
              @Override
              public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {}

              @Override
              public void onPeriodicEmit(WatermarkOutput output) {
                output.emitWatermark(new Watermark(Long.MAX_VALUE));
              }
            });
  }
}
