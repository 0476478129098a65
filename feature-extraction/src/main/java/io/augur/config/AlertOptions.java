package io.augur.config;

import static io.augur.config.ConfigOptions.key;

import java.util.List;

/**
 * {@code alerts.*}: when a prediction becomes an alert. The thresholds are {@code Severity.DEFAULT_MEDIUM_AT}
 * and {@code DEFAULT_HIGH_ABOVE}. The hold ({@code forSteps}) is 12 in {@code JobSettings.defaults()} but 2 in
 * {@code AlertDecider.defaults()}; the running job uses {@code JobSettings}, so the default here is 12.
 * The ensemble's {@code EnsembleConfig} has its own copy of the two thresholds (both 0.7 / 0.9 today).
 */
public final class AlertOptions {
  private AlertOptions() {}

  public static final ConfigOption<Double> MEDIUM_AT = key("alerts.mediumAt").doubleType().defaultValue(0.7)
      .withValidator(Validator.openUnitInterval())
      .withDescription("A failure probability at or above this is a medium alert.");
  public static final ConfigOption<Double> HIGH_ABOVE = key("alerts.highAbove").doubleType().defaultValue(0.9)
      .withValidator(Validator.openUnitInterval())
      .withDescription("A failure probability above this is a high alert (at least alerts.mediumAt).");
  public static final ConfigOption<Double> HYSTERESIS = key("alerts.hysteresis").doubleType().defaultValue(0.1)
      .withValidator(Validator.within(0.0, 1.0))
      .withDescription("An alert resolves once the probability falls below alerts.mediumAt minus this.");
  public static final ConfigOption<Integer> FOR_STEPS = key("alerts.forSteps").intType().defaultValue(12)
      .withValidator(Validator.atLeast(1))
      .withDescription("Consecutive predictions at or above alerts.mediumAt before an alert fires (12 steps of 15 s "
          + "hold 3 min, as a Prometheus for: 3m would).");

  public static final List<ConfigOption<?>> ALL = List.of(MEDIUM_AT, HIGH_ABOVE, HYSTERESIS, FOR_STEPS);
}
