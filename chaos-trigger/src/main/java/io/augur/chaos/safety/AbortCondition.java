package io.augur.chaos.safety;

import io.augur.domain.Checks;
import java.util.List;
import java.util.Locale;

/**
 * Stop the experiment when {@code promql} crosses {@code threshold} ({@code above}: value >
 * threshold aborts, else value < threshold). Carried into the plan's rollback triggers as
 * {@link #trigger()}.
 */
public record AbortCondition(String name, String promql, boolean above, double threshold) {
  public AbortCondition {
    Checks.nonBlank("name", name);
    Checks.nonBlank("promql", promql);
    Checks.finite("threshold", threshold);
  }

  /** SLO violation (fast burn), error ratio and p99 latency limits. */
  public static List<AbortCondition> defaults() {
    return List.of(
        new AbortCondition("slo-burn-rate", "max(slo:burn_rate:ratio_rate5m)", true, 14.4),
        new AbortCondition("error-ratio",
            "sum(rate(http_requests_total{code=~\"5..\"}[1m])) / sum(rate(http_requests_total[1m]))", true, 0.05),
        new AbortCondition("latency-p99-seconds",
            "histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[1m])))", true, 1.0));
  }

  public boolean violatedBy(double value) {
    return above ? value > threshold : value < threshold;
  }

  /** {@code abort if <name>: <promql> > <threshold>}. */
  public String trigger() {
    return String.format(Locale.ROOT, "abort if %s: %s %s %s", name, promql, above ? ">" : "<", threshold);
  }
}
