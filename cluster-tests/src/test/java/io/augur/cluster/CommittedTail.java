package io.augur.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows partition 0 of a topic with {@code read_committed} in a thread of its own and notes when
 * each committed record was first seen (nanoTime): the "first new output" after a fault.
 */
final class CommittedTail implements AutoCloseable {
  private final KafkaConsumer<String, String> consumer;
  private final Thread thread;
  private final List<Long> seenAt = new ArrayList<>();
  private volatile boolean running = true;

  CommittedTail(String bootstrap, String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    TopicPartition tp = new TopicPartition(topic, 0);
    consumer.assign(List.of(tp));
    consumer.seekToBeginning(List.of(tp));
    thread = new Thread(this::poll, "tail-" + topic);
    thread.setDaemon(true);
    thread.start();
  }

  private void poll() {
    try {
      while (running) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
          long now = System.nanoTime();
          synchronized (seenAt) {
            seenAt.add(now);
          }
        }
      }
    } catch (WakeupException e) {
      // closing
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  int count() {
    synchronized (seenAt) {
      return seenAt.size();
    }
  }

  /** When record number {@code index} (0-based) was first seen, or -1 if not yet. */
  long seenAt(int index) {
    synchronized (seenAt) {
      return index < seenAt.size() ? seenAt.get(index) : -1;
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    consumer.wakeup();
    thread.join(10_000);
  }
}
