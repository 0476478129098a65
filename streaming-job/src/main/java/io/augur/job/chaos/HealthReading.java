package io.augur.job.chaos;

import io.augur.chaos.prom.MetricsSource;
import io.augur.chaos.prom.MetricsUnavailableException;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * One poll of the health queries, taken off the scoring path (by {@link HealthPoller}) and handed
 * to the planner as a side input.
 *
 * @param timestampMs when it was read (wall clock of the poller)
 * @param values query to value, for queries that returned a number
 * @param empty queries that returned no series (their {@code valueWhenEmpty} applies, if any)
 * @param failed queries that could not be answered (health unknown)
 */
public record HealthReading(
    long timestampMs, Map<String, Double> values, List<String> empty, List<String> failed) {
  public HealthReading {
    values = Map.copyOf(values == null ? Map.of() : values);
    empty = List.copyOf(empty == null ? List.of() : empty);
    failed = List.copyOf(failed == null ? List.of() : failed);
  }

  /** The reading as the health gate's metrics: queries it did not answer fail (health unknown). */
  MetricsSource asSource() {
    return promql -> {
      Double v = values.get(promql);
      if (v != null) {
        return OptionalDouble.of(v);
      }
      if (empty.contains(promql)) {
        return OptionalDouble.empty();
      }
      throw new MetricsUnavailableException(
          failed.contains(promql)
              ? "health poll at " + timestampMs + " could not read " + promql
              : "health poll at " + timestampMs + " did not ask " + promql);
    };
  }

  /** Health that cannot be judged: every query fails, for {@code why}. */
  static MetricsSource unknown(String why) {
    return promql -> {
      throw new MetricsUnavailableException(why);
    };
  }
}
