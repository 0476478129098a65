package io.augur.domain;

/** How urgent a prediction is. Defaults: medium at probability >= 0.7, high above 0.9. */
public enum Severity {
  NONE,
  MEDIUM,
  HIGH;

  public static final double DEFAULT_MEDIUM_AT = 0.7;
  public static final double DEFAULT_HIGH_ABOVE = 0.9;

  public static Severity of(double probability) {
    return of(probability, DEFAULT_MEDIUM_AT, DEFAULT_HIGH_ABOVE);
  }

  /** {@code mediumAt} is inclusive, {@code highAbove} exclusive, as the alerting policy states. */
  public static Severity of(double probability, double mediumAt, double highAbove) {
    Checks.probability("probability", probability);
    if (probability > highAbove) {
      return HIGH;
    }
    return probability >= mediumAt ? MEDIUM : NONE;
  }
}
