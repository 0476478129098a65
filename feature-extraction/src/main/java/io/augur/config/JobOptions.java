package io.augur.config;

import static io.augur.config.ConfigOptions.key;

import java.time.Duration;
import java.util.List;

/**
 * {@code job.*}: job-wide settings ({@code augur run}'s and {@code JobSettings.defaults()}'
 * defaults).
 */
public final class JobOptions {
  private JobOptions() {}

  public static final ConfigOption<Integer> PARALLELISM =
      key("job.parallelism")
          .intType()
          .defaultValue(2)
          .withValidator(Validator.atLeast(1))
          .withFlag("--parallelism")
          .withDescription("Operator parallelism (sources and sinks may use fewer).");
  public static final ConfigOption<List<String>> COMPONENT_LABELS =
      key("job.componentLabels")
          .stringListType()
          .defaultValue(List.of("job", "instance"))
          .withValidator(Validator.nonEmpty())
          .withDescription(
              "Labels whose values identify a component; [namespace, pod] is the Kubernetes profile.");
  public static final ConfigOption<String> DEAD_LETTERS =
      key("job.deadLetters")
          .stringType()
          .defaultValue("augur-out/run/deadletters.jsonl")
          .withValidator(Validator.nonBlank())
          .withDescription("JSON-lines file for input that could not be used.");
  public static final ConfigOption<Integer> METRICS_PORT =
      key("job.metricsPort")
          .intType()
          .defaultValue(9249)
          .withValidator(Validator.within(1, 65_525))
          .withDescription(
              "First port of Flink's Prometheus reporter (it takes one of this port .. port + 10).");
  public static final ConfigOption<Duration> OUT_OF_ORDERNESS =
      key("job.outOfOrderness")
          .durationType()
          .defaultValue(Duration.ofSeconds(30))
          .withValidator(Validator.atLeast(Duration.ZERO))
          .withDescription("How late a sample may arrive and still count (watermark slack).");

  public static final List<ConfigOption<?>> ALL =
      List.of(PARALLELISM, COMPONENT_LABELS, DEAD_LETTERS, METRICS_PORT, OUT_OF_ORDERNESS);
}
