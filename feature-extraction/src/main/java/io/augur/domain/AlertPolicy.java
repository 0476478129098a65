package io.augur.domain;

/**
 * When a component's stream of failure probabilities becomes an alert: the one place the thresholds
 * and the hold are decided (the job's {@code AlertDecider} applies it; {@code alerts.*} configures
 * it).
 *
 * <p>The hold is <b>k of n</b>: an alert fires on a step whose probability is at or above {@code
 * mediumAt} once at least {@code holdSteps} of the last {@code windowSteps} predictions (this one
 * included) were at or above it. A single dip (a missed scrape, a noisy step) therefore no longer
 * restarts the hold, as "N unbroken steps" did, while a lone spike still cannot fire: it needs
 * {@code holdSteps} steps above. With {@code holdSteps == windowSteps} it is the old unbroken hold.
 *
 * <p>Resolution has hysteresis on the hold itself: an active alert resolves once fewer than {@code
 * holdSteps} of the last {@code windowSteps} predictions are at or above {@code resolveBelow()} =
 * {@code mediumAt - hysteresis}. The severity of a firing is that of its step ({@link
 * Severity#of}); an active alert is raised to HIGH on the first step above {@code highAbove}.
 *
 * @param mediumAt a probability at or above this is a medium alert, in (0, 1)
 * @param highAbove a probability above this is a high alert, in [mediumAt, 1)
 * @param hysteresis how far below {@code mediumAt} a step must be to count against an active alert
 * @param holdSteps k: steps at or above {@code mediumAt} among the last {@code windowSteps} needed
 *     to fire
 * @param windowSteps n: the steps the hold looks back over, in [holdSteps, 64]
 */
public record AlertPolicy(
    double mediumAt, double highAbove, double hysteresis, int holdSteps, int windowSteps)
    implements java.io.Serializable {

  public static final double DEFAULT_HYSTERESIS = 0.1;

  /**
   * 12 of 16 steps of 15 s: 3 minutes above within 4, as a Prometheus {@code for: 3m} tolerant of
   * dips.
   */
  public static final int DEFAULT_HOLD_STEPS = 12;

  public static final int DEFAULT_WINDOW_STEPS = 16;

  /** The window is a 64-bit mask. */
  public static final int MAX_WINDOW_STEPS = 64;

  public AlertPolicy {
    if (!(mediumAt > 0 && mediumAt < 1)) {
      throw new IllegalArgumentException("mediumAt must be within (0, 1), got " + mediumAt);
    }
    if (!(highAbove >= mediumAt && highAbove < 1)) {
      throw new IllegalArgumentException(
          "highAbove must be within [mediumAt=" + mediumAt + ", 1), got " + highAbove);
    }
    if (!(hysteresis >= 0 && hysteresis < mediumAt)) {
      throw new IllegalArgumentException(
          "hysteresis must be within [0, mediumAt=" + mediumAt + "), got " + hysteresis);
    }
    if (holdSteps < 1) {
      throw new IllegalArgumentException("holdSteps must be >= 1, got " + holdSteps);
    }
    if (windowSteps < holdSteps || windowSteps > MAX_WINDOW_STEPS) {
      throw new IllegalArgumentException(
          "windowSteps must be within [holdSteps="
              + holdSteps
              + ", "
              + MAX_WINDOW_STEPS
              + "], got "
              + windowSteps);
    }
  }

  /** 0.7 / 0.9, resolve below 0.6, 12 of 16 steps. */
  public static AlertPolicy defaults() {
    return new AlertPolicy(
        Severity.DEFAULT_MEDIUM_AT,
        Severity.DEFAULT_HIGH_ABOVE,
        DEFAULT_HYSTERESIS,
        DEFAULT_HOLD_STEPS,
        DEFAULT_WINDOW_STEPS);
  }

  /** The unbroken hold of {@code steps} steps (k = n), as Prometheus' {@code for:} has it. */
  public AlertPolicy unbroken(int steps) {
    return new AlertPolicy(mediumAt, highAbove, hysteresis, steps, steps);
  }

  public AlertPolicy withHold(int k, int n) {
    return new AlertPolicy(mediumAt, highAbove, hysteresis, k, n);
  }

  /**
   * Steps at or above this count towards keeping an active alert: {@code mediumAt - hysteresis}.
   */
  public double resolveBelow() {
    return mediumAt - hysteresis;
  }

  public Severity severity(double probability) {
    return Severity.of(probability, mediumAt, highAbove);
  }
}
