package io.augur.chaos.safety;

import io.augur.chaos.prom.MetricsSource;
import io.augur.chaos.prom.MetricsUnavailableException;
import io.augur.domain.Checks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * System health = the lowest health of the configured signals (see {@link HealthQuery}). A signal
 * that cannot be read makes health unknown, and unknown health defers like bad health: the gate
 * fails closed. The threshold is at least 0.8 and cannot be configured lower.
 */
public final class HealthGate {
  public static final double MIN_THRESHOLD = 0.8;

  private final MetricsSource metrics;
  private final List<HealthQuery> queries;
  private final double threshold;

  public HealthGate(MetricsSource metrics, List<HealthQuery> queries, double threshold) {
    this.metrics = Checks.nonNull("metrics", metrics);
    this.queries = List.copyOf(Checks.noNullElements("queries", queries));
    if (this.queries.isEmpty()) {
      throw new IllegalArgumentException(
          "queries must not be empty: health cannot be judged without signals");
    }
    if (!(threshold >= MIN_THRESHOLD && threshold <= 1.0)) {
      throw new IllegalArgumentException(
          "threshold must be within [" + MIN_THRESHOLD + ", 1], got " + threshold);
    }
    this.threshold = threshold;
  }

  public HealthGate(MetricsSource metrics) {
    this(metrics, HealthQuery.defaults(), MIN_THRESHOLD);
  }

  public List<HealthQuery> queries() {
    return queries;
  }

  public HealthReport assess() {
    Map<String, Double> values = new LinkedHashMap<>();
    Map<String, Double> healths = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    double health = 1.0;
    boolean unknown = false;
    for (HealthQuery q : queries) {
      OptionalDouble v;
      try {
        v = metrics.query(q.promql());
      } catch (MetricsUnavailableException e) {
        unknown = true;
        problems.add(q.name() + " unavailable: " + e.getMessage());
        continue;
      }
      double value;
      if (v.isPresent() && Double.isFinite(v.getAsDouble())) {
        value = v.getAsDouble();
      } else if (q.valueWhenEmpty() != null) {
        value = q.valueWhenEmpty();
      } else {
        unknown = true;
        problems.add(q.name() + " has no data (" + q.promql() + ")");
        continue;
      }
      double h = q.health(value);
      values.put(q.name(), value);
      healths.put(q.name(), h);
      health = Math.min(health, h);
      if (h < threshold) {
        problems.add(
            String.format(
                Locale.ROOT,
                "%s is %.4g (limit %.4g): health %.2f < %.2f",
                q.name(),
                value,
                q.limit(),
                h,
                threshold));
      }
    }
    return new HealthReport(unknown ? Double.NaN : health, values, healths, problems, threshold);
  }
}
