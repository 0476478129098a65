package io.augur.models;

import io.augur.domain.Checks;

/**
 * One model's verdict on one window.
 *
 * @param model the model's name
 * @param probability calibrated probability of failure within the horizon, 0..1
 * @param rawScore the model's own score before calibration (anomaly score, vote fraction, residual)
 * @param contributions per schema feature, how much it pushed the probability up (non-negative,
 *     summing to about {@code probability}); shared, not copied: callers must not write to it
 */
public record ModelScore(
    String model, double probability, double rawScore, double[] contributions) {
  public ModelScore {
    Checks.nonBlank("model", model);
    Checks.probability("probability", probability);
    Checks.finite("rawScore", rawScore);
    Checks.nonNull("contributions", contributions);
  }
}
