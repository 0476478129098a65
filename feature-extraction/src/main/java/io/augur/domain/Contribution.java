package io.augur.domain;

/** How much one feature pushed a prediction (signed; larger magnitude, larger part). */
public record Contribution(String feature, double weight) {
  public Contribution {
    Checks.nonBlank("feature", feature);
    Checks.finite("weight", weight);
  }
}
