package io.augur.job.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.job.ingest.IngestEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The FLIP-27 remote-read source on a MiniCluster (parallelism 2) against Debian's Prometheus. */
class PrometheusRemoteReadSourceITCase {
  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  static final AtomicLong NOW = new AtomicLong();
  static PrometheusProcess prom;
  static long end;
  static final TreeSet<String> expected = new TreeSet<>();

  @BeforeAll
  static void start() throws Exception {
    prom = PrometheusProcess.start();
    end = (System.currentTimeMillis() / 1000) * 1000 - 5_000;
    List<RemoteSeries> pushed = new ArrayList<>();
    for (String inst : List.of("a", "b", "c", "d")) {
      int n = 300;
      long[] ts = new long[n];
      double[] vs = new double[n];
      for (int i = 0; i < n; i++) {
        ts[i] = end - (n - 1 - i) * 1000L;
        vs[i] = i * 1.5;
        expected.add(key(inst, ts[i], vs[i]));
      }
      pushed.add(
          new RemoteSeries(
              Map.of("__name__", "augur_src_it", "instance", inst, "job", "src"), ts, vs));
    }
    prom.remoteWrite(pushed);
  }

  @AfterAll
  static void stop() throws Exception {
    if (prom != null) {
      prom.close();
    }
  }

  static String key(String inst, long t, double v) {
    return inst + "@" + t + "=" + v;
  }

  private static List<String> samples(QueueSink<IngestEvent> sink) {
    List<String> out = new ArrayList<>();
    for (IngestEvent e : sink.queue()) {
      assertTrue(e.isSample(), () -> "unexpected dead letter " + e.deadLetter());
      out.add(
          key(e.sample().labels().get("instance"), e.sample().timestampMs(), e.sample().value()));
    }
    return out;
  }

  private static RemoteReadSourceConfig config(long endMs) {
    WallClock clock = () -> NOW.get();
    List<List<LabelMatcher>> sets =
        List.of(
            List.of(LabelMatcher.eq("__name__", "augur_src_it"), LabelMatcher.eq("instance", "a")),
            List.of(LabelMatcher.eq("__name__", "augur_src_it"), LabelMatcher.eq("instance", "b")),
            List.of(
                LabelMatcher.eq("__name__", "augur_src_it"), LabelMatcher.re("instance", "c|d")));
    return new RemoteReadSourceConfig(
        prom.url(),
        HttpSettings.defaults(),
        true,
        sets,
        end - 299_000,
        endMs,
        Duration.ofSeconds(20),
        Duration.ZERO,
        Duration.ofMillis(100),
        Duration.ofSeconds(2),
        clock);
  }

  private static StreamExecutionEnvironment env(
      RemoteReadSourceConfig c, QueueSink<IngestEvent> sink, Configuration conf) {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(2);
    env.enableCheckpointing(200);
    env.fromSource(
            new PrometheusRemoteReadSource(c), WatermarkStrategy.noWatermarks(), "prometheus")
        .uid("prometheus-source")
        .sinkTo(sink)
        .uid("queue-sink");
    return env;
  }

  /** Runs a bounded job to its end, or fails naming it after {@code limitS} seconds. */
  private static void runBounded(StreamExecutionEnvironment env, String name, long limitS)
      throws Exception {
    JobClient job = env.executeAsync(name);
    try {
      job.getJobExecutionResult().get(limitS, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      job.cancel();
      throw new AssertionError(
          "job '"
              + name
              + "' did not finish in "
              + limitS
              + " s (state "
              + job.getJobStatus().get(10, TimeUnit.SECONDS)
              + ")",
          e);
    }
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void shouldReadEverySampleOnceAcrossReaders() throws Exception {
    NOW.set(end + 60_000);
    QueueSink<IngestEvent> sink = new QueueSink<>("bounded");
    runBounded(env(config(end), sink, new Configuration()), "remote-read bounded", 120);
    List<String> got = samples(sink);
    assertEquals(expected.size(), got.size(), "no duplicate");
    assertEquals(expected, new TreeSet<>(got), "no gap");
  }

  // bounded everywhere: under heavy CPU load this test was seen to hang CI; each phase now fails
  // with its name instead (the job start, the savepoint, the restored run), and the whole test
  // gives up after 4 minutes
  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void shouldLeaveNoGapAndNoDuplicateAcrossStopWithSavepointAndRestore(@TempDir Path dir)
      throws Exception {
    // run 1: the clock lets the source see only the first half, then the job stops with a savepoint
    long half = end - 150_000;
    NOW.set(half);
    long firstHalf =
        expected.stream()
            .filter(k -> Long.parseLong(k.substring(2, k.indexOf('='))) <= half)
            .count();
    QueueSink<IngestEvent> sink1 = new QueueSink<>("run1");
    JobClient job =
        env(config(Long.MAX_VALUE), sink1, new Configuration()).executeAsync("remote-read run 1");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (sink1.queue().size() < firstHalf / 2 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(
        sink1.queue().size() > 0,
        "run 1 emitted nothing in 30 s (job status " + job.getJobStatus().get() + ")");
    String savepoint =
        job.stopWithSavepoint(false, dir.toUri().toString(), SavepointFormatType.CANONICAL)
            .get(60, TimeUnit.SECONDS);
    List<String> first = samples(sink1);
    assertTrue(
        first.size() > 0 && first.size() <= firstHalf,
        "run 1 stopped mid-stream after " + first.size() + " of " + firstHalf);
    // run 2: restored from the savepoint, the clock now past the end, bounded at the end
    NOW.set(end + 60_000);
    Configuration conf = new Configuration();
    conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
    QueueSink<IngestEvent> sink2 = new QueueSink<>("run2");
    runBounded(env(config(end), sink2, conf), "remote-read run 2", 120);
    List<String> all = new ArrayList<>(first);
    all.addAll(samples(sink2));
    assertEquals(
        expected.size(),
        all.size(),
        "no duplicate across the restore (run 1: " + first.size() + ")");
    assertEquals(expected, new TreeSet<>(all), "no gap across the restore");
    assertTrue(Files.list(dir).findAny().isPresent(), "a savepoint was written");
  }
}
