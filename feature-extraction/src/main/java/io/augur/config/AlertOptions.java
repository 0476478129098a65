package io.augur.config;

import static io.augur.config.ConfigOptions.key;

import io.augur.domain.AlertPolicy;
import io.augur.domain.Severity;
import java.util.List;

/**
 * {@code alerts.*}: when a prediction becomes an alert, as an {@link AlertPolicy} (the one place
 * the thresholds and the hold are decided; its defaults are these defaults). The hold is k of n:
 * {@code alerts.forSteps} steps at or above {@code alerts.mediumAt} among the last {@code
 * alerts.windowSteps}. The ensemble's {@code EnsembleConfig} labels each prediction with a severity
 * from its own copy of the two thresholds (0.7 / 0.9 too); alerts take their severity from the
 * policy only.
 */
public final class AlertOptions {
  private AlertOptions() {}

  public static final ConfigOption<Double> MEDIUM_AT =
      key("alerts.mediumAt")
          .doubleType()
          .defaultValue(Severity.DEFAULT_MEDIUM_AT)
          .withValidator(Validator.openUnitInterval())
          .withDescription("A failure probability at or above this is a medium alert.");
  public static final ConfigOption<Double> HIGH_ABOVE =
      key("alerts.highAbove")
          .doubleType()
          .defaultValue(Severity.DEFAULT_HIGH_ABOVE)
          .withValidator(Validator.openUnitInterval())
          .withDescription(
              "A failure probability above this is a high alert (at least alerts.mediumAt).");
  public static final ConfigOption<Double> HYSTERESIS =
      key("alerts.hysteresis")
          .doubleType()
          .defaultValue(AlertPolicy.DEFAULT_HYSTERESIS)
          .withValidator(Validator.within(0.0, 1.0))
          .withDescription(
              "An active alert resolves once fewer than alerts.forSteps of the last alerts.windowSteps "
                  + "predictions are at or above alerts.mediumAt minus this (0.6 by default).");
  public static final ConfigOption<Integer> FOR_STEPS =
      key("alerts.forSteps")
          .intType()
          .defaultValue(AlertPolicy.DEFAULT_HOLD_STEPS)
          .withValidator(Validator.atLeast(1))
          .withDescription(
              "k of the k-of-n hold: predictions at or above alerts.mediumAt among the last "
                  + "alerts.windowSteps before an alert fires (12 of 16 steps of 15 s: 3 min above within 4, so a dip "
                  + "from a missed scrape does not restart the hold). Equal to alerts.windowSteps: an unbroken hold, as a "
                  + "Prometheus for: would.");
  public static final ConfigOption<Integer> WINDOW_STEPS =
      key("alerts.windowSteps")
          .intType()
          .defaultValue(AlertPolicy.DEFAULT_WINDOW_STEPS)
          .withValidator(Validator.atLeast(1))
          .withDescription(
              "n of the k-of-n hold: how many of the latest predictions the hold looks back over "
                  + "(alerts.forSteps to 64).");

  public static final List<ConfigOption<?>> ALL =
      List.of(MEDIUM_AT, HIGH_ABOVE, HYSTERESIS, FOR_STEPS, WINDOW_STEPS);

  /** The policy these keys describe; a combination no policy allows is named in the error. */
  public static AlertPolicy policy(Configuration c) {
    try {
      return new AlertPolicy(
          c.get(MEDIUM_AT),
          c.get(HIGH_ABOVE),
          c.get(HYSTERESIS),
          c.get(FOR_STEPS),
          c.get(WINDOW_STEPS));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(List.of("alerts: " + e.getMessage()));
    }
  }
}
