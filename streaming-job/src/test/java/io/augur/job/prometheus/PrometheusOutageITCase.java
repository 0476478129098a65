package io.augur.job.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.job.ingest.IngestEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The remote-read source (Flink MiniCluster, parallelism 2, three splits) while Debian's Prometheus
 * is SIGKILLed mid-stream and started again on the same port with the same TSDB directory: the
 * source backs off instead of hammering the dead port, shows the outage in its metrics ({@code
 * failed_reads}, {@code consecutive_failed_reads}, {@code lag_ms}) and as dead letters, and once
 * Prometheus is back it resumes where it was: every sample exactly once.
 */
class PrometheusOutageITCase {
  static final InMemoryReporter METRICS = InMemoryReporter.create();

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setConfiguration(METRICS.addToConfiguration(new Configuration()))
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  /**
   * The source's clock: the test moves it on, 20 s of data per real second, at wall speed during
   * the outage.
   */
  static final AtomicLong NOW = new AtomicLong();

  static String key(String inst, long t, double v) {
    return inst + "@" + t + "=" + v;
  }

  /** Counters whose identifier ends with {@code suffix} summed, gauges the largest (worst). */
  private static long metric(JobID job, String suffix) {
    long sum = 0;
    int found = 0;
    for (var group : METRICS.getMetricsByGroup().entrySet()) {
      if (!job.toString().equals(group.getKey().getAllVariables().get("<job_id>"))) {
        continue;
      }
      for (Map.Entry<String, Metric> e : group.getValue().entrySet()) {
        if (!group.getKey().getMetricIdentifier(e.getKey()).endsWith(suffix)) {
          continue;
        }
        found++;
        if (e.getValue() instanceof Counter c) {
          sum += c.getCount();
        } else if (e.getValue() instanceof Gauge<?> g) {
          sum = Math.max(sum, ((Number) g.getValue()).longValue());
        }
      }
    }
    if (found == 0) {
      throw new AssertionError("no metric *" + suffix + " registered for job " + job);
    }
    return sum;
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void shouldBackOffReportTheOutageAndResumeWithoutGapOrDuplicateAfterAKill() throws Exception {
    try (PrometheusProcess prom = PrometheusProcess.start()) {
      // 10 minutes of 1 s samples for four instances, written before the job starts
      long end = (System.currentTimeMillis() / 1000) * 1000 - 5_000;
      long start = end - 599_000;
      TreeSet<String> expected = new TreeSet<>();
      List<RemoteSeries> pushed = new ArrayList<>();
      for (String inst : List.of("a", "b", "c", "d")) {
        long[] ts = new long[600];
        double[] vs = new double[600];
        for (int i = 0; i < 600; i++) {
          ts[i] = start + i * 1000L;
          vs[i] = i * 0.5;
          expected.add(key(inst, ts[i], vs[i]));
        }
        pushed.add(
            new RemoteSeries(
                Map.of("__name__", "augur_outage_it", "instance", inst, "job", "o"), ts, vs));
      }
      prom.remoteWrite(pushed);

      NOW.set(start + 60_000);
      WallClock clock = () -> NOW.get();
      RemoteReadSourceConfig config =
          new RemoteReadSourceConfig(
              prom.url(),
              HttpSettings.defaults()
                  .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(3))
                  .withRetries(
                      2, io.augur.domain.Backoff.of(Duration.ofMillis(200), Duration.ofSeconds(2))),
              true,
              List.of(
                  List.of(
                      LabelMatcher.eq("__name__", "augur_outage_it"),
                      LabelMatcher.eq("instance", "a")),
                  List.of(
                      LabelMatcher.eq("__name__", "augur_outage_it"),
                      LabelMatcher.eq("instance", "b")),
                  List.of(
                      LabelMatcher.eq("__name__", "augur_outage_it"),
                      LabelMatcher.re("instance", "c|d"))),
              start,
              end,
              Duration.ofSeconds(10),
              Duration.ZERO,
              Duration.ofMillis(100),
              Duration.ofSeconds(3),
              clock);
      QueueSink<IngestEvent> sink = new QueueSink<>("prometheus-outage");
      StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
      env.setParallelism(2);
      env.enableCheckpointing(500);
      env.fromSource(
              new PrometheusRemoteReadSource(config),
              WatermarkStrategy.noWatermarks(),
              "prometheus")
          .sinkTo(sink);
      JobClient job = env.executeAsync("remote-read through a Prometheus outage");
      JobID id = job.getJobID();

      // the clock runs at 20x until a third of the data is due, then Prometheus is killed
      while (NOW.get() < start + 200_000) {
        Thread.sleep(100);
        NOW.addAndGet(2_000);
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (sink.queue().size() < 4 * 150 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      long beforeKill = sink.queue().size();
      assertTrue(beforeKill >= 600, "the source read before the outage: " + beforeKill);
      prom.kill();
      long killedAt = System.nanoTime();
      // during the outage the clock runs at wall speed (the source's backoff runs on the same
      // clock as its windows: the wall clock in production); windows come due that cannot be read
      long outageMs = 12_000;
      long nowAtKill = NOW.get();
      long failedAtHalf = -1;
      while (System.nanoTime() - killedAt < TimeUnit.MILLISECONDS.toNanos(outageMs)) {
        Thread.sleep(100);
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
        NOW.set(nowAtKill + elapsed);
        if (failedAtHalf < 0 && elapsed > outageMs / 2) {
          failedAtHalf = metric(id, "augur_remote_read.failed_reads");
        }
      }
      long failed = metric(id, "augur_remote_read.failed_reads");
      long streak = metric(id, "augur_remote_read.consecutive_failed_reads");
      long lag = metric(id, "augur_remote_read.lag_ms");
      System.out.printf(
          "Prometheus down %d ms: %d failed reads (%d in the first half), %d in a row, lag %d ms%n",
          outageMs, failed, failedAtHalf, streak, lag);
      assertTrue(streak >= 2, "the outage shows as consecutive failed reads: " + streak);
      assertTrue(failed >= 3, "every split failed to read: " + failed);
      // 3 splits; without backoff they would retry at every 100 ms poll (360 reads in 12 s); they
      // wait 0.5 s, 0.9 s, 1.7-3 s, then the 3 s cap between reads (about 6 each in 12 s)
      assertTrue(failed <= 3 * 12, "the source backs off: " + failed + " failed reads in 12 s");
      assertTrue(lag >= 9_000, "lag grows while Prometheus is away: " + lag + " ms");

      prom.restart(); // same port, same TSDB directory
      long back = System.nanoTime();
      deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (metric(id, "augur_remote_read.consecutive_failed_reads") > 0) {
        assertTrue(System.nanoTime() < deadline, "the source resumes within 60 s");
        Thread.sleep(50);
        NOW.set(nowAtKill + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt));
      }
      System.out.printf(
          "reading again %d ms after Prometheus was ready%n",
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - back));
      NOW.set(end + 60_000); // the rest is due: the bounded source reads it and finishes
      job.getJobExecutionResult().get(120, TimeUnit.SECONDS);

      List<String> samples = new ArrayList<>();
      int readFailures = 0;
      for (IngestEvent e : sink.queue()) {
        if (e.isSample()) {
          samples.add(
              key(
                  e.sample().labels().get("instance"),
                  e.sample().timestampMs(),
                  e.sample().value()));
        } else {
          readFailures++;
          String msg = e.deadLetter().message();
          assertTrue(
              e.deadLetter().errorClass().startsWith("RemoteReadException.")
                  && msg.startsWith("window will be read again"),
              "a failed read is a dead letter saying the window is read again: " + msg);
        }
      }
      System.out.printf(
          "%d samples (%d before the kill), %d failed-read dead letters%n",
          samples.size(), beforeKill, readFailures);
      assertTrue(readFailures >= 3, "each failed read is a dead letter: " + readFailures);
      assertEquals(expected.size(), samples.size(), "no duplicate across the outage");
      assertEquals(expected, new TreeSet<>(samples), "no gap across the outage");
    }
  }
}
