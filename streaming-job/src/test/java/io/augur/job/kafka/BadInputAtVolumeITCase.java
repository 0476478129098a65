package io.augur.job.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.augur.domain.DeadLetter;
import io.augur.domain.FailurePrediction;
import io.augur.job.AugurJob;
import io.augur.job.JobSettings;
import io.augur.job.ingest.IngestEvent;
import io.augur.job.ingest.IngestSplitter;
import io.augur.job.types.Types;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
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
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 100,000 malformed records of every kind the README's "Bad input" lists (and the Kafka-level ones:
 * empty and null values, bytes that are not UTF-8, records over the size limit), mixed at random
 * into 100,000 good samples, through the job's graph ({@link AugurJob}, skeleton scoring) reading a
 * real KRaft broker, on a Flink MiniCluster with restarts disabled: the job finishes without a
 * failure, every bad record is in the dead-letter topic (exactly once, read_committed) with its
 * reason and its place, every good sample is scored, and in = scored + dead-lettered exactly.
 *
 * <p>The Kafka input is {@code AugurKafka.samples} split by {@code IngestSplitter}, as {@code
 * IngestInputs.kafka} wires it, with stopping offsets so the run is bounded. Prints the figures
 * (records/s, wall time) that docs/BENCHMARKS.md quotes.
 */
class BadInputAtVolumeITCase {
  static final int GOOD = 100_000;
  static final int BAD = 100_000;
  static final int OVERSIZED = 20; // 70 kB each: enough to prove the limit, cheap to carry
  static final int COMPONENTS = 40;
  static final long T0 = Instant.parse("2026-01-05T00:00:00Z").toEpochMilli();

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  static KafkaClusterTestKit kafka;

  /** component@timestamp of every prediction the job made, and how many there were. */
  static final Set<String> SCORED = ConcurrentHashMap.newKeySet();

  static final java.util.concurrent.atomic.AtomicLong PREDICTIONS =
      new java.util.concurrent.atomic.AtomicLong();

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
            .setConfigProp("message.max.bytes", "1048576")
            .build();
    kafka.format();
    kafka.startup();
    kafka.waitForReadyBrokers();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      admin
          .createTopics(
              List.of(new NewTopic("samples", 2, (short) 1), new NewTopic("dead", 1, (short) 1)))
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

  /** Keeps component@timestamp of each prediction (the job's predictions output). */
  static final class ScoredSink implements Sink<FailurePrediction> {
    private static final long serialVersionUID = 1L;

    @Override
    public SinkWriter<FailurePrediction> createWriter(WriterInitContext context) {
      return new SinkWriter<>() {
        @Override
        public void write(FailurePrediction p, Context c) {
          PREDICTIONS.incrementAndGet();
          SCORED.add(p.component() + "@" + p.timestampMs());
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public void close() {}
      };
    }
  }

  static String good(String job, String instance, long ts, String value) {
    return "{\"timestamp\":\""
        + Instant.ofEpochMilli(ts)
        + "\",\"value\":\""
        + value
        + "\",\"name\":\"process_cpu_usage_ratio\",\"labels\":{\"job\":\""
        + job
        + "\",\"instance\":\""
        + instance
        + "\"}}";
  }

  /** One kind of bad record: how to make the i-th, and what its dead letter must say. */
  record Kind(String name, String reason, IntFunction<byte[]> make) {}

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static List<Kind> kinds() {
    String ts = "2026-01-05T00:00:00Z";
    List<Kind> k = new ArrayList<>();
    k.add(
        new Kind(
            "malformed JSON",
            "malformed JSON",
            i -> utf8("{\"timestamp\":\"" + ts + "\",\"value\":\"" + i + "\"")));
    k.add(new Kind("not an object", "record is not a JSON object", i -> utf8("[" + i + "]")));
    k.add(
        new Kind(
            "two objects",
            "trailing content after the JSON object",
            i -> utf8(good("bad", "t-" + i, T0, "1") + "{}")));
    k.add(
        new Kind(
            "value not a string",
            "field \"value\" must be a string",
            i ->
                utf8(
                    "{\"timestamp\":\""
                        + ts
                        + "\",\"value\":"
                        + i
                        + ",\"name\":\"x\",\"labels\":{}}")));
    k.add(
        new Kind(
            "labels not an object",
            "field \"labels\" must be an object",
            i ->
                utf8(
                    "{\"timestamp\":\""
                        + ts
                        + "\",\"value\":\"1\",\"name\":\"x\",\"labels\":[\""
                        + i
                        + "\"]}")));
    k.add(
        new Kind(
            "label not a string",
            "label \"job\" must be a string",
            i ->
                utf8(
                    "{\"timestamp\":\""
                        + ts
                        + "\",\"value\":\"1\",\"name\":\"x\",\"labels\":{\"job\":"
                        + i
                        + "}}")));
    k.add(
        new Kind(
            "unknown field",
            "unknown field \"exemplar\"",
            i -> utf8(good("bad", "u-" + i, T0, "1").replace("}}", "},\"exemplar\":1}"))));
    k.add(
        new Kind(
            "value not a number",
            "is not a number",
            i -> utf8(good("bad", "n-" + i, T0, "NaN-" + i))));
    k.add(new Kind("+Inf", "must be finite", i -> utf8(good("bad", "p-" + i, T0, "+Inf"))));
    k.add(new Kind("-Inf", "must be finite", i -> utf8(good("bad", "m-" + i, T0, "-Inf"))));
    k.add(
        new Kind(
            "negative timestamp",
            "before 1970",
            i -> utf8(good("bad", "neg-" + i, -3_600_000L - i * 1000L, "1"))));
    k.add(
        new Kind(
            "unparsable timestamp",
            "timestamp: ",
            i -> utf8(good("bad", "ts-" + i, T0, "1").replace(ts, "yesterday-" + i))));
    k.add(
        new Kind(
            "empty metric name",
            "empty metric name",
            i ->
                utf8(
                    good("bad", "e-" + i, T0, "1")
                        .replace("\"name\":\"process_cpu_usage_ratio\"", "\"name\":\"\""))));
    k.add(
        new Kind(
            "missing timestamp",
            "missing field \"timestamp\"",
            i -> utf8("{\"value\":\"1\",\"name\":\"x\",\"labels\":{\"i\":\"" + i + "\"}}")));
    k.add(
        new Kind(
            "name differs from __name__",
            "differs from label __name__",
            i ->
                utf8(
                    good("bad", "d-" + i, T0, "1")
                        .replace("\"labels\":{", "\"labels\":{\"__name__\":\"other\","))));
    k.add(
        new Kind(
            "oversized label set",
            "more than 64 labels",
            i -> {
              StringBuilder l = new StringBuilder("{\"i\":\"" + i + "\"");
              for (int j = 0; j < 70; j++) {
                l.append(",\"l").append(j).append("\":\"v\"");
              }
              return utf8(
                  "{\"timestamp\":\""
                      + ts
                      + "\",\"value\":\"1\",\"name\":\"x\",\"labels\":"
                      + l
                      + "}}");
            }));
    k.add(new Kind("empty value", "empty record at", i -> new byte[0]));
    k.add(new Kind("null value (tombstone)", "empty record at", i -> null));
    k.add(
        new Kind(
            "not UTF-8",
            "not UTF-8 at",
            i -> {
              byte[] b = utf8(good("bad", "x-" + i, T0, "1"));
              b[b.length / 2] = (byte) 0xC3;
              b[b.length / 2 + 1] = (byte) 0x28;
              return b;
            }));
    return k;
  }

  static final Kind OVERSIZED_KIND =
      new Kind(
          "record over 64 KiB",
          "exceeds 65536",
          i ->
              utf8(
                  good("bad", "big-" + i, T0, "1")
                      .replace("\"job\":\"bad\"", "\"job\":\"" + "b".repeat(70_000) + "\"")));

  @Test
  @Timeout(value = 8, unit = TimeUnit.MINUTES)
  void shouldDeadLetterEveryBadRecordAndScoreEveryGoodOneWithoutARestart() throws Exception {
    // the input: GOOD samples (COMPONENTS components, each in time order, keyed by component so
    // one partition keeps that order) and BAD records, mixed at random
    List<Kind> kinds = kinds();
    Map<String, Integer> expectedByReason = new TreeMap<>();
    Set<String> expectedRaw = new HashSet<>(); // the bad records whose raw text is kept verbatim
    Set<String> expectedScored = new HashSet<>();
    Random rnd = new Random(19);
    long produceStart = System.nanoTime();
    Map<String, Object> pc = new HashMap<>();
    pc.put("bootstrap.servers", kafka.bootstrapServers());
    pc.put("linger.ms", 20);
    pc.put("batch.size", 262_144);
    pc.put("max.request.size", 1_048_576);
    pc.put("compression.type", "lz4");
    int[] nextStep = new int[COMPONENTS];
    int good = 0;
    int bad = 0;
    try (KafkaProducer<byte[], byte[]> p =
        new KafkaProducer<>(pc, new ByteArraySerializer(), new ByteArraySerializer())) {
      while (good < GOOD || bad < BAD) {
        boolean sendGood = bad >= BAD || (good < GOOD && rnd.nextBoolean());
        if (sendGood) {
          int c = rnd.nextInt(COMPONENTS);
          while (nextStep[c] >= GOOD / COMPONENTS) {
            c = (c + 1) % COMPONENTS;
          }
          long ts = T0 + 15_000L * nextStep[c]++;
          String inst = "api-" + c + ":8080";
          expectedScored.add("api/" + inst + "@" + ts);
          p.send(
              new ProducerRecord<>(
                  "samples", utf8("api/" + inst), utf8(good("api", inst, ts, "0." + (ts % 97)))));
          good++;
        } else {
          Kind kind = bad < OVERSIZED ? OVERSIZED_KIND : kinds.get(bad % kinds.size());
          byte[] value = kind.make().apply(bad);
          expectedByReason.merge(kind.reason(), 1, Integer::sum);
          if (value != null
              && value.length > 0
              && value.length <= 2048
              && !kind.name().equals("not UTF-8")) {
            expectedRaw.add(new String(value, StandardCharsets.UTF_8));
          }
          p.send(new ProducerRecord<>("samples", utf8("bad-" + bad), value));
          bad++;
        }
      }
      p.flush();
    }
    System.out.printf(
        "produced %d good + %d bad records in %d ms (%d kinds of bad input)%n",
        GOOD,
        BAD,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - produceStart),
        kinds.size() + 1);
    assertEquals(GOOD, expectedScored.size());

    // the job: Kafka -> split samples / dead letters -> event time -> skeleton scoring; dead
    // letters to a topic exactly once; no restarts allowed, so any failure fails the test
    Configuration conf = new Configuration();
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(2);
    env.enableCheckpointing(1_000);
    SCORED.clear();
    PREDICTIONS.set(0);
    String bootstrap = kafka.bootstrapServers();
    AugurJob.Input input =
        e -> {
          DataStream<IngestEvent> events =
              e.fromSource(
                      AugurKafka.samples(
                          bootstrap,
                          List.of("samples"),
                          "bad-input-at-volume",
                          new Properties(),
                          OffsetsInitializer.latest()),
                      WatermarkStrategy.noWatermarks(),
                      "kafka samples")
                  .uid("kafka-samples");
          IngestSplitter.Split s = IngestSplitter.split(events, Types.DEAD_LETTER, "kafka");
          return new AugurJob.Inputs(s.samples(), s.deadLetters());
        };
    AugurJob.Outputs outputs =
        new AugurJob.Outputs(
            List.of(),
            AugurKafka.exactlyOnce(
                bootstrap, "dead", "bad-input-dead", DeadLetter::stage, new Properties()),
            new ScoredSink());
    new AugurJob(input, outputs, JobSettings.defaults()).build(env);
    long jobStart = System.nanoTime();
    JobClient job = env.executeAsync("bad input at volume");
    JobExecutionResult result = job.getJobExecutionResult().get(360, TimeUnit.SECONDS);
    long wallMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - jobStart);

    // the dead letters, as a read_committed reader sees them
    ObjectMapper json = new ObjectMapper();
    List<DeadLetter> dead = new ArrayList<>();
    Map<String, Object> cc = new HashMap<>();
    cc.put("bootstrap.servers", bootstrap);
    cc.put("isolation.level", "read_committed");
    cc.put("auto.offset.reset", "earliest");
    cc.put("group.id", "bad-input-check");
    cc.put("max.partition.fetch.bytes", 4_194_304);
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(cc, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      c.subscribe(List.of("dead"));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      int idlePolls = 0;
      while (System.nanoTime() < deadline && (dead.size() < BAD || idlePolls < 3)) {
        var records = c.poll(Duration.ofMillis(500));
        idlePolls = records.isEmpty() ? idlePolls + 1 : 0;
        for (ConsumerRecord<byte[], byte[]> r : records) {
          dead.add(json.readValue(r.value(), DeadLetter.class));
        }
      }
    }

    Map<String, Integer> byReason = new TreeMap<>();
    Set<String> places = new HashSet<>();
    List<String> unexplained = new ArrayList<>();
    Set<String> raw = new HashSet<>();
    for (DeadLetter d : dead) {
      String reason =
          expectedByReason.keySet().stream()
              .filter(r -> d.message().contains(r))
              .findFirst()
              .orElse(null);
      if (reason == null) {
        unexplained.add(d.message());
        continue;
      }
      byReason.merge(reason, 1, Integer::sum);
      int at = d.message().lastIndexOf(" at samples/");
      assertTrue(at > 0, "a dead letter names the record's place: " + d.message());
      places.add(d.message().substring(at));
      assertEquals(SampleRecordDeserializer.STAGE, d.stage());
      raw.add(d.rawInput());
    }
    long scored = PREDICTIONS.get();
    double seconds = wallMs / 1000.0;
    System.out.printf(
        "bad input at volume: %d records in (%d good, %d bad), %d scored, %d dead-lettered;"
            + " job wall time %.1f s (net runtime %d ms), %.0f records/s%n",
        GOOD + BAD,
        GOOD,
        BAD,
        scored,
        dead.size(),
        seconds,
        result.getNetRuntime(),
        (GOOD + BAD) / seconds);
    System.out.println("dead letters by reason: " + byReason);

    assertEquals(
        List.of(),
        unexplained.subList(0, Math.min(5, unexplained.size())),
        unexplained.size() + " dead letters with an unexpected reason");
    assertEquals(expectedByReason, byReason, "every bad record dead-lettered with its reason");
    assertEquals(BAD, places.size(), "each from its own place, none twice");
    assertTrue(raw.containsAll(expectedRaw), "the raw record kept in its dead letter");
    assertEquals(expectedScored, SCORED, "every good sample scored");
    assertEquals(GOOD, scored, "each once");
    assertEquals(GOOD + BAD, scored + dead.size(), "in = scored + dead-lettered");
  }
}
