package io.augur.job.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.augur.domain.AlertState;
import io.augur.domain.DeadLetter;
import io.augur.domain.ExperimentPlan;
import io.augur.domain.FailureAlert;
import io.augur.domain.FailurePrediction;
import io.augur.domain.MetricSample;
import io.augur.domain.Severity;
import io.augur.ingest.PrometheusJson;
import io.augur.job.ingest.IngestEvent;
import io.augur.job.ingest.IngestSplitter;
import io.augur.job.prometheus.QueueSink;
import io.augur.job.types.Types;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Samples in, alerts out, through a real in-test Kafka broker (KRaft, combined mode): bad records
 * become dead letters with reasons, and a failure mid-stream followed by a restart from the last
 * checkpoint leaves every alert exactly once in the alerts topic as read_committed readers see it.
 */
class KafkaRoundTripITCase {
  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  static KafkaClusterTestKit kafka;
  static final AtomicBoolean FAILED = new AtomicBoolean();
  static final AtomicInteger CHECKPOINTS = new AtomicInteger();
  static final AtomicInteger SEEN = new AtomicInteger();

  @BeforeAll
  static void startKafka() throws Exception {
    kafka =
        new KafkaClusterTestKit.Builder(
                new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build())
            .setConfigProp("transaction.state.log.replication.factor", "1")
            .setConfigProp("transaction.state.log.min.isr", "1")
            .setConfigProp("offsets.topic.replication.factor", "1")
            .setConfigProp("group.initial.rebalance.delay.ms", "0")
            .build();
    kafka.format();
    kafka.startup();
    kafka.waitForReadyBrokers();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      admin
          .createTopics(
              List.of(
                  new NewTopic("samples", 2, (short) 1),
                  new NewTopic("alerts", 1, (short) 1),
                  new NewTopic("chaos-targets", 1, (short) 1)))
          .all()
          .get();
    }
  }

  @AfterAll
  static void stopKafka() throws Exception {
    if (kafka != null) {
      kafka.close();
    }
  }

  /**
   * The test's stand-in for scoring: a sample at or above 0.9 is a HIGH alert for its component.
   */
  static final class ToAlert implements MapFunction<MetricSample, FailureAlert> {
    @Override
    public FailureAlert map(MetricSample s) {
      String component = s.labels().get("job") + "/" + s.labels().get("instance");
      FailurePrediction p =
          new FailurePrediction(
              component,
              s.labels(),
              s.timestampMs(),
              s.value(),
              Severity.HIGH,
              null,
              List.of(),
              "unknown",
              List.of(),
              List.of(),
              Map.of(),
              "test");
      return new FailureAlert(
          "AugurPredictedFailure",
          component,
          Map.of("component", component),
          Map.of(),
          Severity.HIGH,
          AlertState.FIRING,
          s.timestampMs(),
          null,
          p);
    }
  }

  /** Fails the job once, mid-stream, after a checkpoint has completed. */
  static final class FailOnce
      implements MapFunction<FailureAlert, FailureAlert>, CheckpointListener {
    @Override
    public FailureAlert map(FailureAlert a) {
      if (SEEN.incrementAndGet() > 60
          && CHECKPOINTS.get() > 0
          && FAILED.compareAndSet(false, true)) {
        throw new IllegalStateException("injected failure after " + SEEN.get() + " alerts");
      }
      return a;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      CHECKPOINTS.incrementAndGet();
    }
  }

  @Test
  void shouldWriteEveryAlertExactlyOnceAcrossARestartFromCheckpoint() throws Exception {
    // 20 components x 100 steps; every 10th value is >= 0.9, so 200 alerts; plus the bad fixtures
    TreeSet<String> expected = new TreeSet<>();
    List<Fixtures.Bad> bad = Fixtures.badSamples();
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", kafka.bootstrapServers()),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      long t0 = 1_764_180_000_000L;
      for (int step = 0; step < 100; step++) {
        for (int c = 0; c < 20; c++) {
          double v = (step + c) % 10 == 0 ? 0.95 : 0.1;
          MetricSample s =
              new MetricSample(
                  "augur_risk",
                  Map.of("job", "svc" + c, "instance", "i-" + c + ":80"),
                  t0 + step * 15_000L,
                  v);
          if (v >= 0.9) {
            expected.add("svc" + c + "/i-" + c + ":80@" + s.timestampMs());
          }
          producer.send(
              new ProducerRecord<>(
                  "samples", PrometheusJson.format(s).getBytes(StandardCharsets.UTF_8)));
        }
        if (step % 10 == 5) {
          Fixtures.Bad b = bad.get(step / 10 % bad.size());
          producer.send(
              new ProducerRecord<>("samples", b.value().getBytes(StandardCharsets.UTF_8)));
        }
      }
      producer.flush();
    }
    assertEquals(200, expected.size());

    Configuration conf = new Configuration();
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(2);
    env.enableCheckpointing(200);
    DataStream<IngestEvent> events =
        env.fromSource(
            AugurKafka.samples(
                kafka.bootstrapServers(),
                List.of("samples"),
                "augur-it",
                new Properties(),
                OffsetsInitializer.latest()),
            WatermarkStrategy.noWatermarks(),
            "kafka samples");
    IngestSplitter.Split split = IngestSplitter.split(events, Types.DEAD_LETTER, "kafka");
    QueueSink<DeadLetter> dead = new QueueSink<>("kafka-dead");
    split.deadLetters().sinkTo(dead);
    split
        .samples()
        .map(
            s -> {
              Thread.sleep(1); // pace the stream so checkpoints happen mid-stream
              return s;
            })
        .returns(io.augur.job.features.FeatureTypes.METRIC_SAMPLE)
        .filter(s -> s.value() >= 0.9)
        .map(new ToAlert())
        .returns(Types.ALERT)
        .map(new FailOnce())
        .returns(Types.ALERT)
        .sinkTo(
            AugurKafka.alerts(
                kafka.bootstrapServers(), "alerts", "augur-it-alerts", new Properties()));
    env.execute("kafka round trip");
    assertTrue(FAILED.get(), "the job failed once mid-stream and was restarted from a checkpoint");

    List<String> committed = readAlerts("read_committed", expected.size());
    assertEquals(expected.size(), committed.size(), "no duplicate for read_committed readers");
    assertEquals(expected, new TreeSet<>(committed), "no lost alert");

    TreeSet<String> reasons = new TreeSet<>();
    for (DeadLetter d : dead.queue()) {
      reasons.add(d.message().replaceAll(" at samples/.*", ""));
    }
    assertTrue(reasons.size() >= 8, "distinct dead-letter reasons: " + reasons);
    assertTrue(reasons.stream().anyMatch(r -> r.contains("unknown field")), reasons.toString());
    assertTrue(reasons.stream().anyMatch(r -> r.contains("labels")), reasons.toString());
  }

  @Test
  void shouldWriteChaosTargetsToKafkaExactlyOnceKeyedByPlanId() throws Exception {
    List<ExperimentPlan> plans = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      plans.add(
          new ExperimentPlan(
              "plan-" + i,
              List.of("svc" + i + "/i-" + i + ":80"),
              "shop",
              "pod-kill",
              "memory-leak",
              120,
              0.05,
              List.of("p99 < 300ms"),
              List.of("error rate > 5%"),
              Map.of("probability", "0.9" + i % 10),
              i % 3 == 0,
              1_764_180_000_000L + i));
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    env.enableCheckpointing(200);
    env.fromData(Types.PLAN, plans.toArray(new ExperimentPlan[0]))
        .sinkTo(
            AugurKafka.chaosTargets(
                kafka.bootstrapServers(), "chaos-targets", "augur-it-chaos", new Properties()));
    env.execute("chaos targets to kafka");

    Map<String, JsonNode> seen = new HashMap<>();
    List<String> keys = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : read("chaos-targets", "read_committed", plans.size())) {
      JsonNode plan = new ObjectMapper().readTree(r.value());
      String key = new String(r.key(), StandardCharsets.UTF_8);
      assertEquals(plan.path("id").asText(), key, "keyed by plan id");
      keys.add(key);
      seen.put(key, plan);
    }
    assertEquals(
        plans.size(), keys.size(), "each plan once for read_committed readers: " + counts(keys));
    for (ExperimentPlan p : plans) {
      JsonNode got = seen.get(p.id());
      assertTrue(got != null, "plan " + p.id() + " reached the topic");
      assertEquals(p.targets().get(0), got.path("targets").path(0).asText());
      assertEquals(
          p.requiresApproval(),
          got.path("requiresApproval").asBoolean(),
          "the approval flag survives for " + p.id());
    }
  }

  /**
   * Reads until {@code expected} records arrived and then 2 s more (to catch duplicates), or 60 s
   * passed.
   */
  private static List<ConsumerRecord<byte[], byte[]>> read(
      String topic, String isolation, int expected) {
    Properties p = new Properties();
    p.put("bootstrap.servers", kafka.bootstrapServers());
    p.put("group.id", "check-" + topic + "-" + isolation);
    p.put("auto.offset.reset", "earliest");
    p.put("isolation.level", isolation);
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      c.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      long reachedAt = Long.MAX_VALUE;
      while (System.nanoTime() < deadline
          && System.nanoTime() - reachedAt < Duration.ofSeconds(2).toNanos()) {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
          out.add(r);
        }
        if (out.size() >= expected && reachedAt == Long.MAX_VALUE) {
          reachedAt = System.nanoTime();
        }
      }
    }
    return out;
  }

  private static List<String> readAlerts(String isolation, int expected)
      throws java.io.IOException {
    List<String> out = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (ConsumerRecord<byte[], byte[]> r : read("alerts", isolation, expected)) {
      JsonNode a = json.readTree(r.value());
      assertEquals(
          a.path("component").asText(),
          new String(r.key(), StandardCharsets.UTF_8),
          "keyed by component");
      out.add(a.path("component").asText() + "@" + a.path("startsAtMs").asLong());
    }
    return out;
  }

  static Map<String, Integer> counts(List<String> xs) {
    Map<String, Integer> m = new HashMap<>();
    xs.forEach(x -> m.merge(x, 1, Integer::sum));
    return m;
  }
}
