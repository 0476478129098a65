package io.augur.job.checkpoints;

import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.CheckpointingMode;

/**
 * The job's checkpointing, as one validated value turned into Flink configuration: RocksDB with
 * incremental checkpoints by default, exactly-once, checkpoints retained on cancellation so a
 * restarted job can resume from the latest one ({@code restoreFrom}).
 *
 * @param interval time between checkpoint starts
 * @param directory checkpoint storage URI, e.g. {@code file:///var/augur/checkpoints} or {@code
 *     s3://...}
 * @param backend {@code rocksdb} or {@code hashmap}
 * @param incremental incremental checkpoints (RocksDB only)
 * @param minPause least time between the end of one checkpoint and the start of the next
 * @param timeout a checkpoint taking longer is aborted
 * @param retained how many completed checkpoints to keep
 * @param tolerableFailures consecutive failed checkpoints tolerated before the job fails
 * @param restoreFrom a checkpoint or savepoint path to restore from, or null
 */
public record CheckpointSettings(
    Duration interval,
    String directory,
    String backend,
    boolean incremental,
    Duration minPause,
    Duration timeout,
    int retained,
    int tolerableFailures,
    String restoreFrom) {

  public CheckpointSettings {
    if (interval == null || interval.toMillis() < 10) {
      throw new IllegalArgumentException("interval must be >= 10 ms, got " + interval);
    }
    if (directory == null || !directory.contains(":/")) {
      throw new IllegalArgumentException(
          "directory must be a URI like file:///path or s3://bucket/path, got \""
              + directory
              + "\"");
    }
    if (!"rocksdb".equals(backend) && !"hashmap".equals(backend)) {
      throw new IllegalArgumentException(
          "backend must be rocksdb or hashmap, got \"" + backend + "\"");
    }
    if (incremental && !"rocksdb".equals(backend)) {
      throw new IllegalArgumentException(
          "incremental checkpoints need the rocksdb backend, got " + backend);
    }
    if (minPause == null || minPause.isNegative()) {
      throw new IllegalArgumentException("minPause must be >= 0, got " + minPause);
    }
    if (timeout == null || timeout.compareTo(interval) < 0 && timeout.toMillis() < 1000) {
      throw new IllegalArgumentException("timeout must be >= 1 s, got " + timeout);
    }
    if (retained < 1) {
      throw new IllegalArgumentException("retained must be >= 1, got " + retained);
    }
    if (tolerableFailures < 0) {
      throw new IllegalArgumentException(
          "tolerableFailures must be >= 0, got " + tolerableFailures);
    }
  }

  /**
   * RocksDB, incremental, every 30 s, 10 s min pause, 10 min timeout, keep 3, tolerate 3 failures.
   */
  public static CheckpointSettings defaults(String directory) {
    return new CheckpointSettings(
        Duration.ofSeconds(30),
        directory,
        "rocksdb",
        true,
        Duration.ofSeconds(10),
        Duration.ofMinutes(10),
        3,
        3,
        null);
  }

  public CheckpointSettings withInterval(Duration i, Duration pause) {
    return new CheckpointSettings(
        i,
        directory,
        backend,
        incremental,
        pause,
        timeout,
        retained,
        tolerableFailures,
        restoreFrom);
  }

  public CheckpointSettings restoringFrom(String path) {
    return new CheckpointSettings(
        interval,
        directory,
        backend,
        incremental,
        minPause,
        timeout,
        retained,
        tolerableFailures,
        path);
  }

  /**
   * Writes these settings into {@code conf} (pass it to {@code
   * StreamExecutionEnvironment.getExecutionEnvironment(conf)}).
   */
  public Configuration applyTo(Configuration conf) {
    conf.set(StateBackendOptions.STATE_BACKEND, backend);
    conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, incremental);
    conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
    conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, directory);
    conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, interval);
    conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
    conf.set(CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS, minPause);
    conf.set(CheckpointingOptions.CHECKPOINTING_TIMEOUT, timeout);
    conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, retained);
    conf.set(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER, tolerableFailures);
    conf.set(
        CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
        ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    if (restoreFrom != null) {
      conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom);
    }
    return conf;
  }

  public Configuration toConfiguration() {
    return applyTo(new Configuration());
  }
}
