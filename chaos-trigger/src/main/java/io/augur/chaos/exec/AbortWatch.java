package io.augur.chaos.exec;

import io.augur.chaos.prom.MetricsSource;
import io.augur.chaos.prom.MetricsUnavailableException;
import io.augur.chaos.safety.AbortCondition;
import io.augur.domain.Checks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Evaluates abort conditions the way Prometheus evaluates alerting rules. At each evaluation a
 * condition whose value crosses its threshold becomes pending (if it was not already); it fires
 * once it has been crossed at every evaluation for its {@code for} duration (at once when it has
 * none). A value back within limits, or no series at all, resets it. A query that cannot be
 * answered (an unreachable Prometheus) fires at once: while a fault is active, not knowing is not
 * healthy.
 *
 * <p>One watch per run; not thread-safe.
 */
public final class AbortWatch {
  private final List<AbortCondition> conditions;
  private final MetricsSource metrics;
  private final Map<AbortCondition, Long> pendingSince = new HashMap<>();

  /**
   * Why a run stops.
   *
   * @param value the breaching value, or null when the query could not be answered
   * @param pendingSinceMs when the condition was first seen crossed in the streak that fired
   * @param atMs the evaluation at which it fired
   * @param detail one line, e.g. {@code latency-p99 0.84 > 0.5 for 10s}
   */
  public record Breach(
      AbortCondition condition, Double value, long pendingSinceMs, long atMs, String detail) {
    public Breach {
      Checks.nonNull("condition", condition);
      Checks.nonBlank("detail", detail);
    }
  }

  /**
   * One condition's reading: its value (null when empty or unavailable), and whether it crossed.
   */
  public record Reading(AbortCondition condition, Double value, boolean crossed, String error) {}

  public AbortWatch(List<AbortCondition> conditions, MetricsSource metrics) {
    this.conditions = List.copyOf(Checks.noNullElements("conditions", conditions));
    this.metrics = Checks.nonNull("metrics", metrics);
  }

  public List<AbortCondition> conditions() {
    return conditions;
  }

  /**
   * Reads every condition at {@code nowMs} and updates the pending streaks; the first condition (in
   * order) that fires, or empty.
   */
  public Optional<Breach> evaluate(long nowMs) {
    Breach first = null;
    for (Reading r : readAll()) {
      AbortCondition c = r.condition();
      Breach b = null;
      if (r.error() != null) {
        pendingSince.remove(c);
        b =
            new Breach(
                c,
                null,
                nowMs,
                nowMs,
                c.name()
                    + ": "
                    + c.promql()
                    + " could not be evaluated (fail closed): "
                    + r.error());
      } else if (r.crossed()) {
        long since = pendingSince.computeIfAbsent(c, k -> nowMs);
        if (nowMs - since >= c.forDuration().toMillis()) {
          b =
              new Breach(
                  c,
                  r.value(),
                  since,
                  nowMs,
                  String.format(
                      Locale.ROOT,
                      "%s %s %s (crossed since %s)",
                      c.name(),
                      r.value(),
                      c.limit(),
                      Instant.ofEpochMilli(since)));
        }
      } else {
        pendingSince.remove(c);
      }
      if (first == null && b != null) {
        first = b;
      }
    }
    return Optional.ofNullable(first);
  }

  /** Every condition's value now, without touching the pending streaks. */
  public List<Reading> readAll() {
    List<Reading> out = new ArrayList<>();
    for (AbortCondition c : conditions) {
      try {
        OptionalDouble v = metrics.query(c.promql());
        if (v.isPresent() && Double.isFinite(v.getAsDouble())) {
          out.add(new Reading(c, v.getAsDouble(), c.violatedBy(v.getAsDouble()), null));
        } else {
          out.add(
              new Reading(
                  c, null, false,
                  null)); // no series (or NaN, e.g. a rate over nothing): not a breach
        }
      } catch (MetricsUnavailableException e) {
        out.add(
            new Reading(c, null, false, e.getMessage() == null ? e.toString() : e.getMessage()));
      } catch (RuntimeException e) { // any other failure to answer is no answer either: fail closed
        out.add(new Reading(c, null, false, e.toString()));
      }
    }
    return out;
  }

  /**
   * The conditions pending now (crossed, {@code for} not yet satisfied), with the time each streak
   * began.
   */
  public Map<String, Long> pending() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (AbortCondition c : conditions) {
      Long s = pendingSince.get(c);
      if (s != null) {
        out.put(c.name(), s);
      }
    }
    return out;
  }
}
