package io.augur.chaos.requirements;

import io.augur.chaos.catalogue.ExperimentType;
import io.augur.chaos.prom.MetricsSource;
import io.augur.chaos.prom.MetricsUnavailableException;
import io.augur.chaos.requirements.CheckResult.Verdict;
import io.augur.chaos.score.ResilienceScorer;
import io.augur.domain.Checks;
import io.augur.domain.ExperimentOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Checks requirements against outcomes (chaos tests run and passing, recovery within the SLA, data
 * consistency observations) and, when a metrics source is given, Prometheus (availability as the
 * ratio {@code availabilityQuery} returns, x100; p99 response time in seconds). {@code {component}}
 * in a query is replaced by the requirement's component. A check without data is UNKNOWN, not a
 * violation.
 */
public final class RequirementsValidator {
  public static final String DEFAULT_AVAILABILITY = "avg_over_time(up{job=\"{component}\"}[7d])";
  public static final String DEFAULT_LATENCY =
      "histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job=\"{component}\"}[5m])))";

  private final MetricsSource metrics;
  private final String availabilityQuery;
  private final String latencyQuery;

  public RequirementsValidator(
      MetricsSource metrics, String availabilityQuery, String latencyQuery) {
    this.metrics = metrics;
    this.availabilityQuery = Checks.nonBlank("availabilityQuery", availabilityQuery);
    this.latencyQuery = Checks.nonBlank("latencyQuery", latencyQuery);
  }

  public RequirementsValidator(MetricsSource metrics) {
    this(metrics, DEFAULT_AVAILABILITY, DEFAULT_LATENCY);
  }

  public ValidationReport validate(
      List<ResilienceRequirement> requirements, Collection<ExperimentOutcome> outcomes) {
    List<CheckResult> out = new ArrayList<>();
    for (ResilienceRequirement r : requirements) {
      List<ExperimentOutcome> mine =
          outcomes.stream()
              .filter(
                  o ->
                      o.target().equals(r.component())
                          || ResilienceScorer.serviceOf(o.target()).equals(r.component()))
              .toList();
      if (r.availabilityTarget() != null) {
        out.add(availability(r));
      }
      if (r.maxResponseTime() != null) {
        out.add(latency(r));
      }
      for (ExperimentType t : r.chaosTests()) {
        out.add(chaosTest(r, t, mine));
      }
      if (r.recoverySla() != null) {
        out.add(recovery(r, mine));
      }
      if (r.dataConsistency() != DataConsistency.NONE) {
        out.add(consistency(r, mine));
      }
    }
    return new ValidationReport(out);
  }

  private CheckResult availability(ResilienceRequirement r) {
    Optional<Double> v = query(availabilityQuery, r.component());
    if (v.isEmpty()) {
      return result(
          r,
          "availability",
          Verdict.UNKNOWN,
          "no availability data (target " + r.availabilityTarget() + "%)");
    }
    double pct = v.get() * 100.0;
    return result(
        r,
        "availability",
        pct >= r.availabilityTarget() ? Verdict.PASS : Verdict.FAIL,
        String.format(Locale.ROOT, "%.4f%% vs target %s%%", pct, r.availabilityTarget()));
  }

  private CheckResult latency(ResilienceRequirement r) {
    Optional<Double> v = query(latencyQuery, r.component());
    String max = Durations.format(r.maxResponseTime());
    if (v.isEmpty()) {
      return result(r, "max-response-time", Verdict.UNKNOWN, "no latency data (max " + max + ")");
    }
    double ms = v.get() * 1000.0;
    return result(
        r,
        "max-response-time",
        ms <= r.maxResponseTime().toMillis() ? Verdict.PASS : Verdict.FAIL,
        String.format(Locale.ROOT, "p99 %.0fms vs max %s", ms, max));
  }

  private static CheckResult chaosTest(
      ResilienceRequirement r, ExperimentType t, List<ExperimentOutcome> mine) {
    Optional<ExperimentOutcome> latest =
        mine.stream()
            .filter(o -> o.experimentType().equals(t.id()))
            .max(Comparator.comparingLong(ExperimentOutcome::startedAtMs));
    if (latest.isEmpty()) {
      return result(r, "chaos:" + t.id(), Verdict.FAIL, "never run on " + r.component());
    }
    ExperimentOutcome o = latest.get();
    return result(
        r,
        "chaos:" + t.id(),
        o.status() == ExperimentOutcome.Status.PASSED ? Verdict.PASS : Verdict.FAIL,
        "latest run "
            + o.planId()
            + " "
            + o.status()
            + (o.notes().isEmpty() ? "" : ": " + o.notes()));
  }

  private static CheckResult recovery(ResilienceRequirement r, List<ExperimentOutcome> mine) {
    List<ExperimentOutcome> timed = mine.stream().filter(o -> o.recoveryTimeMs() != null).toList();
    String sla = Durations.format(r.recoverySla());
    if (timed.isEmpty()) {
      return result(
          r,
          "recovery-sla",
          Verdict.UNKNOWN,
          "no outcome reports a recovery time (SLA " + sla + ")");
    }
    ExperimentOutcome worst =
        timed.stream()
            .max(Comparator.comparingLong(ExperimentOutcome::recoveryTimeMs))
            .orElseThrow();
    boolean ok = worst.recoveryTimeMs() <= r.recoverySla().toMillis();
    return result(
        r,
        "recovery-sla",
        ok ? Verdict.PASS : Verdict.FAIL,
        "worst recovery "
            + Durations.format(Duration.ofMillis(worst.recoveryTimeMs()))
            + " ("
            + worst.planId()
            + ") vs SLA "
            + sla);
  }

  private static CheckResult consistency(ResilienceRequirement r, List<ExperimentOutcome> mine) {
    String key =
        r.dataConsistency() == DataConsistency.STRONG
            ? "consistency_violations"
            : "consistency_violations_after_recovery";
    List<ExperimentOutcome> reported =
        mine.stream().filter(o -> o.observations().containsKey(key)).toList();
    String check = "data-consistency";
    if (reported.isEmpty()) {
      return result(r, check, Verdict.UNKNOWN, "no outcome reports " + key);
    }
    Optional<ExperimentOutcome> bad =
        reported.stream().filter(o -> o.observations().get(key) > 0).findFirst();
    return bad.map(
            o ->
                result(
                    r,
                    check,
                    Verdict.FAIL,
                    String.format(
                        Locale.ROOT,
                        "%s: %s = %.0f (%s required)",
                        o.planId(),
                        key,
                        o.observations().get(key),
                        r.dataConsistency().name().toLowerCase(Locale.ROOT))))
        .orElseGet(
            () ->
                result(
                    r, check, Verdict.PASS, reported.size() + " outcomes report " + key + " = 0"));
  }

  private Optional<Double> query(String template, String component) {
    if (metrics == null) {
      return Optional.empty();
    }
    try {
      OptionalDouble v = metrics.query(template.replace("{component}", component));
      return v.isPresent() && Double.isFinite(v.getAsDouble())
          ? Optional.of(v.getAsDouble())
          : Optional.empty();
    } catch (MetricsUnavailableException e) {
      return Optional.empty();
    }
  }

  private static CheckResult result(
      ResilienceRequirement r, String check, Verdict v, String detail) {
    return new CheckResult(r.name(), r.component(), check, v, detail);
  }
}
