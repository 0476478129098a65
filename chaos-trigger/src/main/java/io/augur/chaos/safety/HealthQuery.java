package io.augur.chaos.safety;

import io.augur.domain.Checks;
import java.util.List;

/**
 * One health signal. Its health is {@code max(0, 1 - value / limit)}: 1 at value 0, 0 at the limit.
 * {@code valueWhenEmpty} is used when the query returns no series (e.g. no firing alerts); null
 * means "no data", which defers the experiment.
 */
public record HealthQuery(String name, String promql, double limit, Double valueWhenEmpty) {
  /**
   * Augur's own firing predictions, as Prometheus's ALERTS series (alertname and severity as the
   * job sends them).
   */
  public static final String AUGUR_ALERTS =
      "ALERTS{alertname=\"AugurPredictedFailure\",alertstate=\"firing\",severity=~\"medium|high\"}";

  public HealthQuery {
    Checks.nonBlank("name", name);
    Checks.nonBlank("promql", promql);
    if (!(limit > 0) || Double.isInfinite(limit)) {
      throw new IllegalArgumentException(
          "limit of " + name + " must be a finite number > 0, got " + limit);
    }
    if (valueWhenEmpty != null) {
      Checks.nonNegative("valueWhenEmpty", valueWhenEmpty);
    }
  }

  public double health(double value) {
    return Math.max(0.0, Math.min(1.0, 1.0 - value / limit));
  }

  /**
   * Error ratio (limit 0.1: 2% errors is health 0.8), SLO burn rate (limit 10: burning at 2x is
   * 0.8) and firing alerts (limit 5: one alert is 0.8, two defer). Firing alerts are the
   * critical/page ones and Augur's own {@value #AUGUR_ALERTS} (medium and high, the labels the
   * job's Alertmanager sink sends), counted together.
   */
  public static List<HealthQuery> defaults() {
    return List.of(
        new HealthQuery(
            "error-ratio",
            "sum(rate(http_requests_total{code=~\"5..\"}[5m])) / sum(rate(http_requests_total[5m]))",
            0.1,
            null),
        new HealthQuery("slo-burn-rate", "max(slo:burn_rate:ratio_rate1h)", 10.0, 0.0),
        new HealthQuery(
            "alerts-firing",
            "count(ALERTS{alertstate=\"firing\",severity=~\"critical|page\"} or "
                + AUGUR_ALERTS
                + ")",
            5.0,
            0.0));
  }
}
