package io.augur.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A real Kafka broker (KRaft, combined broker and controller, one node) in its own JVM on
 * 127.0.0.1, so it can be stopped and started again on the same ports and log directory: a broker
 * restart as it happens in production, which an in-process test broker cannot do. Killed on {@link
 * #close()} and by a shutdown hook.
 */
public final class LocalKafka implements AutoCloseable {
  private final Path dir;
  private final Path props;
  private final int port;
  private final String classpath;
  private final Thread hook = new Thread(this::kill, "local-kafka-cleanup");
  private Process process;
  private int starts;

  private LocalKafka(Path dir) throws IOException {
    this.dir = Files.createDirectories(dir);
    this.port = LocalFlinkCluster.freePort();
    int controller = LocalFlinkCluster.freePort();
    this.classpath =
        Files.readString(Path.of(LocalFlinkCluster.required("augur.kafkaClasspath"))).trim();
    this.props = dir.resolve("server.properties");
    Files.writeString(
        props,
        String.join(
            "\n",
            "process.roles=broker,controller",
            "node.id=1",
            "controller.quorum.voters=1@127.0.0.1:" + controller,
            "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
            "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
            "controller.listener.names=CONTROLLER",
            "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
            "inter.broker.listener.name=PLAINTEXT",
            "log.dirs=" + dir.resolve("data"),
            "num.partitions=1",
            "offsets.topic.replication.factor=1",
            "offsets.topic.num.partitions=1",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "transaction.state.log.num.partitions=1",
            "group.initial.rebalance.delay.ms=0",
            "auto.create.topics.enable=false",
            ""));
  }

  /** Formats a fresh log directory under {@code dir} and starts the broker. */
  public static LocalKafka start(Path dir) throws Exception {
    LocalKafka k = new LocalKafka(dir);
    Runtime.getRuntime().addShutdownHook(k.hook);
    try {
      Process format =
          k.java(
              "format",
              "kafka.tools.StorageTool",
              List.of(
                  "format",
                  "-t",
                  Uuid.randomUuid().toString(),
                  "-c",
                  k.props.toString(),
                  "--ignore-formatted"));
      if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
        format.destroyForcibly();
        throw new IllegalStateException(
            "kafka storage format failed: " + Files.readString(dir.resolve("format.out")));
      }
      k.startBroker();
      return k;
    } catch (Exception | Error e) {
      k.close();
      throw e;
    }
  }

  public String bootstrap() {
    return "127.0.0.1:" + port;
  }

  private Process java(String name, String main, List<String> args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("-Xmx512m", "-Xms128m", "-cp", classpath, main));
    cmd.addAll(args);
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(name + ".out").toFile()))
        .start();
  }

  private void startBroker() throws Exception {
    starts++;
    process = java("broker", "kafka.Kafka", List.of(props.toString()));
    LocalFlinkCluster.await(
        "the Kafka broker at " + bootstrap(),
        Duration.ofSeconds(60),
        () -> {
          if (!process.isAlive()) {
            throw new IllegalStateException(
                "the Kafka broker exited: " + Files.readString(dir.resolve("broker.out")));
          }
          try (Admin a = admin()) {
            return !a.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
          }
        });
  }

  /** Stops the broker (SIGTERM: a controlled shutdown) and waits for its process to end. */
  public void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(20, TimeUnit.SECONDS);
    }
  }

  /** Starts the broker again on the same ports and data. */
  public void restart() throws Exception {
    if (process != null && process.isAlive()) {
      stop();
    }
    startBroker();
  }

  public int starts() {
    return starts;
  }

  public Admin admin() {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
    return Admin.create(p);
  }

  public void createTopics(String... names) throws Exception {
    try (Admin a = admin()) {
      List<NewTopic> topics = new ArrayList<>();
      for (String n : names) {
        topics.add(new NewTopic(n, 1, (short) 1));
      }
      a.createTopics(topics).all().get(30, TimeUnit.SECONDS);
    }
  }

  /**
   * Writes {@code values} to partition 0 of {@code topic}, in order, acknowledged by the broker.
   */
  public void produce(String topic, List<String> values) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
    try (KafkaProducer<String, String> pr =
        new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      for (String v : values) {
        pr.send(new ProducerRecord<>(topic, 0, null, v));
      }
      pr.flush();
    }
  }

  /** Every committed record of partition 0 of {@code topic} (read_committed), in offset order. */
  public List<String> readCommitted(String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    List<String> out = new ArrayList<>();
    TopicPartition tp = new TopicPartition(topic, 0);
    try (KafkaConsumer<String, String> c =
        new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      c.assign(List.of(tp));
      c.seekToBeginning(List.of(tp));
      // the end for read_committed is the last stable offset: what is committed now
      long end = c.endOffsets(List.of(tp), Duration.ofSeconds(15)).get(tp);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (c.position(tp, Duration.ofSeconds(15)) < end) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "reading " + topic + " stalled at " + c.position(tp) + " of " + end);
        }
        for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
          out.add(r.value());
        }
      }
    }
    return out;
  }

  /** The offset of {@code group} on partition 0 of {@code topic} (-1 when it committed none). */
  public long committedOffset(String group, String topic) throws Exception {
    try (Admin a = admin()) {
      Map<TopicPartition, OffsetAndMetadata> m =
          a.listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata()
              .get(15, TimeUnit.SECONDS);
      OffsetAndMetadata o = m.get(new TopicPartition(topic, 0));
      return o == null ? -1 : o.offset();
    }
  }

  /** The end offset of partition 0 of {@code topic}. */
  public long endOffset(String topic) throws Exception {
    try (Admin a = admin()) {
      TopicPartition tp = new TopicPartition(topic, 0);
      Map<TopicPartition, OffsetSpec> q = new HashMap<>();
      q.put(tp, OffsetSpec.latest());
      return a.listOffsets(q).all().get(15, TimeUnit.SECONDS).get(tp).offset();
    }
  }

  private void kill() {
    if (process != null) {
      process.destroyForcibly();
      try {
        process.waitFor(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void close() {
    kill();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // shutting down: the hook kills the broker
    }
  }
}
