package io.augur.chaos.metrics;

import io.augur.domain.Checks;
import io.augur.domain.ExperimentOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The chaos metrics of a list of outcomes. A service is the part of the outcome's target before the
 * first '/' (the planner's targets are components {@code job/instance}, see {@code
 * io.augur.chaos.targeting.Topology#serviceOf}); a target without '/' is its own service. Counters
 * count every outcome in the log; the success rate counts those that ended within {@code window}
 * before now (all of them when the window is null), and a service with none in the window has no
 * success-rate sample. Every result appears for each (service, type) seen, zero or not.
 */
public final class ChaosMetrics {
  public static final String EXPERIMENTS = "augur_chaos_experiments_total";
  public static final String SUCCESS_RATE = "augur_chaos_experiment_success_rate";
  public static final String LAST_TIMESTAMP = "augur_chaos_last_experiment_timestamp_seconds";
  public static final String UNREADABLE = "augur_chaos_outcome_log_unreadable_lines";

  private ChaosMetrics() {}

  /** The service an outcome's target belongs to. */
  public static String serviceOf(String target) {
    return Checks.nonBlank("target", target).split("/", 2)[0];
  }

  /**
   * @param window how far back the success rate looks, or null for all outcomes
   * @param unreadableLines lines of the log that could not be read
   */
  public static String exposition(
      List<ExperimentOutcome> outcomes, Duration window, Instant now, int unreadableLines) {
    Checks.noNullElements("outcomes", outcomes);
    Checks.nonNull("now", now);
    if (window != null && (window.isZero() || window.isNegative())) {
      throw new IllegalArgumentException(
          "window must be > 0 (or absent for all outcomes), got " + window);
    }
    long from = window == null ? Long.MIN_VALUE : now.minus(window).toEpochMilli();
    Map<String, Map<String, long[]>> counts = new TreeMap<>(); // service -> type -> per status
    Map<String, long[]> recent = new TreeMap<>(); // service -> {passed, all}
    Map<String, Long> last = new TreeMap<>();
    for (ExperimentOutcome o : outcomes) {
      String service = serviceOf(o.target());
      counts.computeIfAbsent(service, s -> new TreeMap<>())
          .computeIfAbsent(
              o.experimentType(), t -> new long[ExperimentOutcome.Status.values().length])[
          o.status().ordinal()]++;
      last.merge(service, o.endedAtMs(), Math::max);
      if (o.endedAtMs() >= from) {
        long[] r = recent.computeIfAbsent(service, s -> new long[2]);
        r[0] += o.status() == ExperimentOutcome.Status.PASSED ? 1 : 0;
        r[1]++;
      }
    }
    PrometheusText t = new PrometheusText();
    t.family(
        EXPERIMENTS,
        "counter",
        "Chaos experiments recorded in the outcome log, by service, experiment type and result.");
    counts.forEach(
        (service, byType) ->
            byType.forEach(
                (type, n) -> {
                  for (ExperimentOutcome.Status s : ExperimentOutcome.Status.values()) {
                    t.sample(
                        EXPERIMENTS,
                        labels(
                            "service",
                            service,
                            "type",
                            type,
                            "result",
                            s.name().toLowerCase(Locale.ROOT)),
                        n[s.ordinal()]);
                  }
                }));
    t.family(
        SUCCESS_RATE,
        "gauge",
        "Share of the service's chaos experiments that passed (passed / all), "
            + (window == null
                ? "over all recorded outcomes."
                : "over outcomes that ended in the last " + window + "."));
    recent.forEach(
        (service, r) -> t.sample(SUCCESS_RATE, labels("service", service), r[0] / (double) r[1]));
    t.family(
        LAST_TIMESTAMP,
        "gauge",
        "When the service's latest chaos experiment ended, in seconds since the epoch.");
    last.forEach(
        (service, ms) -> t.sample(LAST_TIMESTAMP, labels("service", service), ms / 1000.0));
    t.family(
        UNREADABLE, "gauge", "Lines of the outcome log that could not be read and were skipped.");
    t.sample(UNREADABLE, Map.of(), unreadableLines);
    return t.toString();
  }

  private static Map<String, String> labels(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }
}
