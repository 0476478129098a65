package io.augur.job.kafka;

import io.augur.domain.ExperimentPlan;
import io.augur.domain.FailureAlert;
import io.augur.job.ingest.IngestEvent;
import java.util.List;
import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * Augur's Kafka endpoints: the sample source (adapter JSON; reads with {@code read_committed}) and
 * exactly-once sinks (Kafka transactions committed on checkpoint) for alerts and chaos targets.
 * Exactly-once needs checkpointing on, and consumers of the output topics must use {@code
 * isolation.level=read_committed}.
 */
public final class AugurKafka {
  /**
   * Producer transaction timeout: below the broker's default {@code transaction.max.timeout.ms} (15
   * min).
   */
  public static final String TX_TIMEOUT_MS = "900000";

  private AugurKafka() {}

  /**
   * Samples from {@code topics}, resuming from the group's committed offsets (earliest when none).
   *
   * @param extra additional consumer properties (security etc.), may be empty
   */
  public static KafkaSource<IngestEvent> samples(
      String bootstrap, List<String> topics, String groupId, Properties extra) {
    return samples(bootstrap, topics, groupId, extra, null);
  }

  /**
   * As above; with {@code stoppingOffsets} (e.g. {@code OffsetsInitializer.latest()}) the source is
   * bounded.
   */
  @SuppressWarnings(
      "deprecation") // the connector's committedOffsets still takes Kafka's OffsetResetStrategy
  public static KafkaSource<IngestEvent> samples(
      String bootstrap,
      List<String> topics,
      String groupId,
      Properties extra,
      OffsetsInitializer stoppingOffsets) {
    Properties p = new Properties();
    p.putAll(extra);
    p.setProperty("isolation.level", "read_committed");
    p.putIfAbsent("partition.discovery.interval.ms", "60000");
    var b =
        KafkaSource.<IngestEvent>builder()
            .setBootstrapServers(bootstrap)
            .setTopics(topics)
            .setGroupId(groupId)
            .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
            .setDeserializer(new SampleRecordDeserializer())
            .setProperties(p);
    if (stoppingOffsets != null) {
      b.setBounded(stoppingOffsets);
    }
    return b.build();
  }

  /** Alerts as JSON keyed by component, exactly once. */
  public static KafkaSink<FailureAlert> alerts(
      String bootstrap, String topic, String transactionalIdPrefix, Properties extra) {
    return exactlyOnce(bootstrap, topic, transactionalIdPrefix, FailureAlert::component, extra);
  }

  /** Chaos targets (experiment plans) as JSON keyed by plan id, exactly once. */
  public static KafkaSink<ExperimentPlan> chaosTargets(
      String bootstrap, String topic, String transactionalIdPrefix, Properties extra) {
    return exactlyOnce(bootstrap, topic, transactionalIdPrefix, ExperimentPlan::id, extra);
  }

  public static <T> KafkaSink<T> exactlyOnce(
      String bootstrap,
      String topic,
      String transactionalIdPrefix,
      SerializableFunction<T, String> key,
      Properties extra) {
    if (transactionalIdPrefix == null || transactionalIdPrefix.isBlank()) {
      throw new IllegalArgumentException(
          "transactionalIdPrefix must be set (unique per job and sink), got \""
              + transactionalIdPrefix
              + "\"");
    }
    Properties p = new Properties();
    p.putAll(extra);
    p.putIfAbsent("transaction.timeout.ms", TX_TIMEOUT_MS);
    return KafkaSink.<T>builder()
        .setBootstrapServers(bootstrap)
        .setRecordSerializer(new JsonRecordSerializer<>(topic, key))
        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
        .setTransactionalIdPrefix(transactionalIdPrefix)
        .setKafkaProducerConfig(p)
        .build();
  }
}
