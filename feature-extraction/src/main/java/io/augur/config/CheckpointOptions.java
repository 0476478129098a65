package io.augur.config;

import static io.augur.config.ConfigOptions.key;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * {@code checkpoints.*}: Flink checkpointing; defaults are {@code CheckpointSettings.defaults}'.
 * Today {@code augur run} reads only {@code dir} and {@code restoreFrom}: {@code interval} is
 * documented in {@code deploy/augur.yaml} but never read (the 30 s default applies whatever is
 * written).
 */
public final class CheckpointOptions {
  private CheckpointOptions() {}

  /** Flink state backends. */
  public enum Backend {
    ROCKSDB,
    HASHMAP
  }

  public static final ConfigOption<URI> DIR =
      key("checkpoints.dir")
          .uriType()
          .noDefaultValue()
          .withFlag("--checkpoint-dir")
          .withDescription(
              "Checkpoint storage URI, e.g. file:///var/augur/checkpoints or s3://bucket/augur. "
                  + "Unset: no checkpoints.");
  public static final ConfigOption<Duration> INTERVAL =
      key("checkpoints.interval")
          .durationType()
          .defaultValue(Duration.ofSeconds(30))
          .withValidator(Validator.atLeast(Duration.ofMillis(10)))
          .withDescription("Time between checkpoint starts.");
  public static final ConfigOption<String> RESTORE_FROM =
      key("checkpoints.restoreFrom")
          .stringType()
          .noDefaultValue()
          .withValidator(Validator.nonBlank())
          .withDescription("A checkpoint or savepoint path to restore from.");
  public static final ConfigOption<Backend> BACKEND =
      key("checkpoints.backend")
          .enumType(Backend.class)
          .defaultValue(Backend.ROCKSDB)
          .withDescription("State backend.");
  public static final ConfigOption<Boolean> INCREMENTAL =
      key("checkpoints.incremental")
          .booleanType()
          .defaultValue(true)
          .withDescription("Incremental checkpoints (rocksdb only).");
  public static final ConfigOption<Duration> MIN_PAUSE =
      key("checkpoints.minPause")
          .durationType()
          .defaultValue(Duration.ofSeconds(10))
          .withValidator(Validator.atLeast(Duration.ZERO))
          .withDescription(
              "Least time between the end of one checkpoint and the start of the next.");
  public static final ConfigOption<Duration> TIMEOUT =
      key("checkpoints.timeout")
          .durationType()
          .defaultValue(Duration.ofMinutes(10))
          .withValidator(Validator.atLeast(Duration.ofSeconds(1)))
          .withDescription("A checkpoint taking longer is aborted.");
  public static final ConfigOption<Integer> RETAINED =
      key("checkpoints.retained")
          .intType()
          .defaultValue(3)
          .withValidator(Validator.atLeast(1))
          .withDescription("How many completed checkpoints to keep.");
  public static final ConfigOption<Integer> TOLERABLE_FAILURES =
      key("checkpoints.tolerableFailures")
          .intType()
          .defaultValue(3)
          .withValidator(Validator.atLeast(0))
          .withDescription("Consecutive failed checkpoints tolerated before the job fails.");

  public static final List<ConfigOption<?>> ALL =
      List.of(
          DIR,
          INTERVAL,
          RESTORE_FROM,
          BACKEND,
          INCREMENTAL,
          MIN_PAUSE,
          TIMEOUT,
          RETAINED,
          TOLERABLE_FAILURES);
}
