package io.augur.job.checkpoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.job.prometheus.QueueSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * RocksDB incremental checkpoints from {@link CheckpointSettings}: written, retained, restored,
 * continued.
 */
class CheckpointSettingsITCase {
  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  static final long N = 6000;

  /** Counts per key in keyed state and emits (key, count). */
  static final class Count extends KeyedProcessFunction<Long, Long, Tuple2<Long, Long>> {
    private transient ValueState<Long> count;

    @Override
    public void open(OpenContext ctx) {
      count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
    }

    @Override
    public void processElement(Long v, Context ctx, Collector<Tuple2<Long, Long>> out)
        throws Exception {
      long c = count.value() == null ? 1 : count.value() + 1;
      count.update(c);
      out.collect(Tuple2.of(ctx.getCurrentKey(), c));
    }
  }

  private static StreamExecutionEnvironment env(
      CheckpointSettings s, QueueSink<Tuple2<Long, Long>> sink) {
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(s.toConfiguration());
    env.setParallelism(2);
    env.fromSource(
            new DataGeneratorSource<>(i -> i, N, RateLimiterStrategy.perSecond(1500), Types.LONG),
            WatermarkStrategy.noWatermarks(),
            "numbers")
        .uid("numbers")
        .keyBy(v -> v % 10)
        .process(new Count())
        .uid("count")
        .returns(Types.TUPLE(Types.LONG, Types.LONG))
        .sinkTo(sink)
        .uid("sink");
    return env;
  }

  private static Optional<Path> completedCheckpoint(Path dir) throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(p -> p.getFileName().toString().equals("_metadata"))
          .map(Path::getParent)
          .findFirst();
    }
  }

  @Test
  void shouldRestoreFromRetainedIncrementalRocksDbCheckpointAndContinue(@TempDir Path dir)
      throws Exception {
    CheckpointSettings s =
        CheckpointSettings.defaults(dir.toUri().toString())
            .withInterval(Duration.ofMillis(300), Duration.ZERO);
    assertEquals("rocksdb", s.toConfiguration().toMap().get("state.backend.type"));
    assertEquals("true", s.toConfiguration().toMap().get("execution.checkpointing.incremental"));

    QueueSink<Tuple2<Long, Long>> first = new QueueSink<>("ckpt-1");
    JobClient job = env(s, first).executeAsync("checkpointed run 1");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    Optional<Path> chk;
    while ((chk = completedCheckpoint(dir)).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertTrue(chk.isPresent(), "a checkpoint completed");
    job.cancel().get(30, TimeUnit.SECONDS);
    chk =
        completedCheckpoint(
            dir); // the latest retained one (num-retained keeps 3; any completed one restores)
    try (Stream<Path> shared =
        Files.walk(dir).filter(p -> p.toString().contains("shared") && Files.isRegularFile(p))) {
      assertTrue(
          shared.findAny().isPresent(),
          "incremental RocksDB checkpoints keep SST files in shared/");
    }

    QueueSink<Tuple2<Long, Long>> second = new QueueSink<>("ckpt-2");
    env(s.restoringFrom(chk.orElseThrow().toUri().toString()), second)
        .execute("checkpointed run 2");
    Map<Long, Long> last = new HashMap<>();
    for (Tuple2<Long, Long> t : second.queue()) {
      last.merge(t.f0, t.f1, Math::max);
    }
    assertEquals(10, last.size());
    for (Map.Entry<Long, Long> e : last.entrySet()) {
      assertEquals(
          N / 10,
          e.getValue(),
          "key " + e.getKey() + ": counting continued from the restored state");
    }
    long smallest = second.queue().stream().mapToLong(t -> t.f1).min().orElseThrow();
    assertTrue(smallest > 1, "run 2 did not start from scratch (smallest count " + smallest + ")");
  }
}
