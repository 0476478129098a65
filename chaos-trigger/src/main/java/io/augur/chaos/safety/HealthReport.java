package io.augur.chaos.safety;

import java.util.List;
import java.util.Map;

/**
 * The result of a health assessment: overall health (the weakest signal's, or NaN when a signal
 * could not be read), each signal's raw value and health, and why it is not ok.
 */
public record HealthReport(
    double health,
    Map<String, Double> values,
    Map<String, Double> healths,
    List<String> problems,
    double threshold) {
  public HealthReport {
    values = Map.copyOf(values);
    healths = Map.copyOf(healths);
    problems = List.copyOf(problems);
  }

  /** Known and at least the threshold. */
  public boolean ok() {
    return !Double.isNaN(health) && health >= threshold;
  }
}
