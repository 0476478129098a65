package io.augur.job.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.augur.chaos.loop.OutcomeLog;
import io.augur.domain.ExperimentOutcome;
import io.augur.domain.ExperimentPlan;
import io.augur.domain.FailurePrediction;
import io.augur.domain.MetricSample;
import io.augur.job.types.Types;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The planner in a running job: health polled from an HTTP Prometheus by its own source, outcomes
 * followed from an outcome log file, and the rounds still driven by the predictions' event time
 * (the wall-clock side inputs never hold the watermark back).
 */
class ChaosLoopITCase {
  private static final String[] SERVICES = {
    "payments", "cart", "search", "auth", "orders", "ledger", "media", "quotes", "notify", "gateway"
  };

  @TempDir Path dir;

  @Test
  void shouldPlanFromPolledHealthAndTheFollowedOutcomeLog() throws Exception {
    AtomicInteger queries = new AtomicInteger();
    HttpServer prom =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    prom.createContext(
        "/api/v1/query",
        ex -> {
          queries.incrementAndGet();
          byte[] body =
              ("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},"
                      + "\"value\":["
                      + System.currentTimeMillis() / 1000
                      + ",\"0\"]}]}}")
                  .getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().add("Content-Type", "application/json");
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    prom.start();
    try {
      long t0 = businessHoursBefore(Instant.now().minus(Duration.ofHours(1)));
      Path log = dir.resolve("outcomes.jsonl");
      // payments, the likeliest target, was tested a minute into the hour: recency makes cart the
      // first target
      new OutcomeLog(log)
          .append(
              new ExperimentOutcome(
                  "earlier",
                  "payments/payments-0:8080",
                  "memory-stress",
                  "memory-leak",
                  ExperimentOutcome.Status.PASSED,
                  t0,
                  t0 + 60_000,
                  null,
                  true,
                  Map.of(),
                  "before the job"));
      ChaosTargetSettings s =
          new ChaosTargetSettings(
              Duration.ofMinutes(15),
              1,
              List.of("shop"),
              "http://127.0.0.1:" + prom.getAddress().getPort(),
              false);
      s =
          s.withLoop(
              s.loop()
                  .withDefaultReplicas(4)
                  .withOutcomeLog(log.toString())
                  .withHealthMaxAge(Duration.ofHours(2)));

      StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
      env.setParallelism(2);
      DataStream<FailurePrediction> predictions =
          env.fromSource(
                  new DataGeneratorSource<>(
                      new Predictions(t0),
                      SERVICES.length * 200L,
                      RateLimiterStrategy.perSecond(100),
                      Types.PREDICTION),
                  WatermarkStrategy.<FailurePrediction>forMonotonousTimestamps()
                      .withTimestampAssigner((p, ts) -> p.timestampMs()),
                  "predictions")
              .setParallelism(1);
      List<MetricSample> replicas = new ArrayList<>();
      for (String svc : SERVICES) {
        replicas.add(
            new MetricSample("kube_deployment_spec_replicas", Map.of("deployment", svc), t0, 4));
      }
      DataStream<MetricSample> samples =
          env.fromData(replicas, io.augur.job.features.FeatureTypes.METRIC_SAMPLE)
              .assignTimestampsAndWatermarks(
                  WatermarkStrategy.<MetricSample>forMonotonousTimestamps()
                      .withTimestampAssigner((m, ts) -> m.timestampMs()));
      DataStream<ExperimentPlan> plans =
          predictions
              .keyBy((KeySelector<FailurePrediction, Integer>) p -> 0, BasicTypeInfo.INT_TYPE_INFO)
              .connect(
                  ChaosInputs.signals(env, samples, s)
                      .keyBy(
                          (KeySelector<PlannerInput, Integer>) p -> 0, BasicTypeInfo.INT_TYPE_INFO))
              .process(new ChaosTargetFunction(s), Types.PLAN)
              .setParallelism(1);
      List<ExperimentPlan> out = new ArrayList<>();
      try (var it = plans.executeAndCollect("chaos-loop")) {
        while (out.size() < 2 && it.hasNext()) {
          out.add(it.next());
        }
      }
      assertEquals(2, out.size());
      assertEquals(
          "cart",
          PlannerHarness.service(out.get(0)),
          "the followed log lowered payments' rank: " + out.get(0));
      assertEquals(
          "payments",
          PlannerHarness.service(out.get(1)),
          "then cart's own plan counts: " + out.get(1));
      assertTrue(queries.get() > 0, "health was read by the poller");
    } finally {
      prom.stop(0);
    }
  }

  /**
   * 10:00 UTC on the latest weekday whose 10:00 is not after {@code latest}: the planned
   * experiments need a human's approval, and the default policy allows those only in business hours
   * (Mon-Fri 09:00-17:00 UTC). Taking event time from the wall clock made the test wait forever
   * when run in the evening or at a weekend; health readings, stamped with the wall clock, stay
   * fresh for rounds in the past.
   */
  static long businessHoursBefore(Instant latest) {
    ZonedDateTime d = latest.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).withHour(10);
    while (d.toInstant().isAfter(latest)
        || d.getDayOfWeek() == DayOfWeek.SATURDAY
        || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
      d = d.minusDays(1);
    }
    return d.toInstant().toEpochMilli();
  }

  /**
   * Record i: step i / 10 (15 s apart), service i % 10; payments at 0.9, cart 0.5, the rest 0.05.
   */
  static final class Predictions implements GeneratorFunction<Long, FailurePrediction> {
    private static final long serialVersionUID = 1L;
    private final long t0;

    Predictions(long t0) {
      this.t0 = t0;
    }

    @Override
    public FailurePrediction map(Long i) {
      String svc = SERVICES[(int) (i % SERVICES.length)];
      double p = svc.equals("payments") ? 0.9 : svc.equals("cart") ? 0.5 : 0.05;
      return PlannerHarness.prediction(svc, 0, t0 + (i / SERVICES.length + 1) * 15_000L, p);
    }
  }
}
