package io.augur.cluster;

import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes a {@link FleetInput} to partition 0 of a topic step by step, {@code stepDelayMs} apart, in
 * {@code portions} equal portions: portion {@code j > 0} starts only after {@link #release()} was
 * called {@code j} times (the test releases one after each fault), so the stream never runs out
 * before the faults are done and every fault lands mid-stream. The producer is idempotent with
 * {@code acks=all} and retries for two minutes, so a broker restart loses and duplicates nothing.
 */
final class Feeder implements AutoCloseable {
  private final FleetInput input;
  private final String topic;
  private final long stepDelayMs;
  private final int portions;
  private final KafkaProducer<String, String> producer;
  private final Semaphore gate = new Semaphore(0);
  private final AtomicInteger written = new AtomicInteger();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final Thread thread;

  Feeder(String bootstrap, String topic, FleetInput input, long stepDelayMs, int portions) {
    this.input = input;
    this.topic = topic;
    this.stepDelayMs = stepDelayMs;
    this.portions = portions;
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    thread = new Thread(this::feed, "feeder-" + topic);
    thread.setDaemon(true);
  }

  Feeder start() {
    thread.start();
    return this;
  }

  private void feed() {
    try {
      int n = input.stepCount();
      for (int s = 0; s < n; s++) {
        if (s > 0 && portionOf(s) != portionOf(s - 1)) {
          gate.acquire();
        }
        for (String v : input.step(s)) {
          producer.send(
              new ProducerRecord<>(topic, 0, null, v),
              (md, e) -> {
                if (e != null) {
                  failure.compareAndSet(null, e);
                }
              });
        }
        producer.flush();
        written.set(s + 1);
        if (stepDelayMs > 0) {
          Thread.sleep(stepDelayMs);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      failure.compareAndSet(null, e);
    }
  }

  int portionOf(int step) {
    return (int) ((long) step * portions / input.stepCount());
  }

  /** Lets the next portion be written. */
  void release() {
    gate.release();
  }

  /** Steps written (and acknowledged) so far. */
  int stepsWritten() {
    return written.get();
  }

  /** True once every step is written: a fault after that no longer lands mid-stream. */
  boolean done() {
    return written.get() == input.stepCount();
  }

  void rethrow() {
    Throwable t = failure.get();
    if (t != null) {
      throw new AssertionError("writing the input failed: " + t, t);
    }
  }

  void await() throws InterruptedException {
    thread.join();
    rethrow();
  }

  @Override
  public void close() throws InterruptedException {
    gate.release(portions);
    thread.interrupt();
    thread.join(10_000);
    producer.close();
  }
}
