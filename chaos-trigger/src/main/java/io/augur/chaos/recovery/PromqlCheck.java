package io.augur.chaos.recovery;

import io.augur.chaos.prom.MetricsUnavailableException;
import io.augur.domain.Checks;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * A PromQL condition, as in an alerting rule: it holds when the query returns a sample (so write
 * the comparison into the query: {@code sum(rate(errors_total[1m])) < 0.01}). No sample, NaN, or a
 * Prometheus that does not answer does not hold.
 */
public record PromqlCheck(String query) implements Check {
  public PromqlCheck {
    Checks.nonBlank("query", query);
  }

  @Override
  public String describe() {
    return "PromQL " + query;
  }

  @Override
  public Observation evaluate(CheckContext context) {
    if (context.metrics() == null) {
      return Observation.notHeld("no Prometheus configured for PromQL checks (--prometheus)");
    }
    try {
      OptionalDouble v = context.metrics().query(query);
      if (v.isEmpty() || Double.isNaN(v.getAsDouble())) {
        return Observation.notHeld("no sample");
      }
      return Observation.held(String.format(Locale.ROOT, "value %.6g", v.getAsDouble()));
    } catch (MetricsUnavailableException e) {
      return Observation.notHeld("Prometheus did not answer: " + e.getMessage());
    }
  }
}
