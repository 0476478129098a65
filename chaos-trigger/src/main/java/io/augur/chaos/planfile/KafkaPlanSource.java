package io.augur.chaos.planfile;

import io.augur.chaos.experiment.PlannedExperiment;
import io.augur.domain.Checks;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Plans from the streaming job's chaos-targets topic: one {@code ExperimentPlan} JSON per record,
 * keyed by plan id, written in Kafka transactions, so it reads with {@code read_committed}. Each
 * record is rebuilt with {@link PlanFile#fromExperimentPlanJson}; one that does not parse or
 * rebuild is reported with its partition, offset and reason and skipped, never fatal.
 *
 * <p>Offsets are committed (for the consumer group) for exactly the records a {@link #poll} hands
 * out, before any of them runs: a plan is taken at most once, so a runner that crashes does not run
 * the same fault again on its next start (the crash itself is recorded by the reaper).
 */
public final class KafkaPlanSource implements AutoCloseable {
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String topic;

  /** A record that is not a runnable plan. */
  public record Malformed(int partition, long offset, String reason) {
    @Override
    public String toString() {
      return "partition " + partition + " offset " + offset + ": " + reason;
    }
  }

  /** What one poll took: the plans in topic order, and the records skipped. */
  public record Batch(List<PlannedExperiment> plans, List<Malformed> malformed) {
    public Batch {
      plans = List.copyOf(plans);
      malformed = List.copyOf(malformed);
    }
  }

  /**
   * @param extra further consumer properties (security etc.); group, isolation and offset handling
   *     are this class's and cannot be overridden
   */
  public KafkaPlanSource(String bootstrap, String topic, String groupId, Properties extra) {
    Checks.nonBlank("bootstrap", bootstrap);
    this.topic = Checks.nonBlank("topic", topic);
    Checks.nonBlank("groupId", groupId);
    Properties p = new Properties();
    p.putAll(Checks.nonNull("extra", extra));
    p.setProperty("bootstrap.servers", bootstrap);
    p.setProperty("group.id", groupId);
    p.setProperty("isolation.level", "read_committed");
    p.setProperty("enable.auto.commit", "false");
    p.putIfAbsent("auto.offset.reset", "earliest");
    p.putIfAbsent("client.id", "augur-chaos-run-" + groupId);
    this.consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    consumer.subscribe(List.of(topic));
  }

  /**
   * Reads until {@code maxPlans} plans were taken, the topic is read to its end (its last stable
   * offset), or {@code maxWait} has passed, whichever comes first; commits what it took.
   */
  public Batch poll(int maxPlans, Duration maxWait) {
    if (maxPlans < 1) {
      throw new IllegalArgumentException("maxPlans must be >= 1, got " + maxPlans);
    }
    Checks.nonNull("maxWait", maxWait);
    long deadline = System.nanoTime() + maxWait.toNanos();
    List<PlannedExperiment> plans = new ArrayList<>();
    List<Malformed> bad = new ArrayList<>();
    Map<TopicPartition, OffsetAndMetadata> taken = new HashMap<>();
    outer:
    while (plans.size() < maxPlans) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      var records =
          consumer.poll(Duration.ofNanos(Math.min(left, Duration.ofMillis(500).toNanos())));
      for (ConsumerRecord<byte[], byte[]> r : records) {
        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
        if (plans.size() >= maxPlans) {
          consumer.seek(tp, r.offset()); // not taken: the next poll (or run) starts here
          continue;
        }
        taken.put(tp, new OffsetAndMetadata(r.offset() + 1));
        try {
          plans.add(parse(r));
        } catch (IllegalArgumentException e) {
          bad.add(new Malformed(r.partition(), r.offset(), e.getMessage()));
        }
      }
      if (records.isEmpty() && caughtUp()) {
        break outer;
      }
    }
    if (!taken.isEmpty()) {
      consumer.commitSync(taken);
    }
    return new Batch(plans, bad);
  }

  private PlannedExperiment parse(ConsumerRecord<byte[], byte[]> r) {
    String where = "record value"; // Malformed names topic, partition and offset
    if (r.value() == null) {
      throw new IllegalArgumentException("empty record (a tombstone), not a plan");
    }
    PlannedExperiment p =
        PlanFile.fromExperimentPlanJson(where, new String(r.value(), StandardCharsets.UTF_8));
    if (r.key() != null) {
      String key = new String(r.key(), StandardCharsets.UTF_8);
      if (!key.equals(p.plan().id())) {
        throw new IllegalArgumentException(
            "key \""
                + key
                + "\" is not the plan id \""
                + p.plan().id()
                + "\" (the job keys chaos targets by plan id)");
      }
    }
    return p;
  }

  /**
   * Whether every assigned partition is read to its end; false before the group has assigned any.
   */
  private boolean caughtUp() {
    Set<TopicPartition> assigned = consumer.assignment();
    if (assigned.isEmpty()) {
      return false;
    }
    Map<TopicPartition, Long> end = consumer.endOffsets(assigned, Duration.ofSeconds(5));
    for (TopicPartition tp : assigned) {
      if (consumer.position(tp, Duration.ofSeconds(5)) < end.getOrDefault(tp, 0L)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
  }
}
