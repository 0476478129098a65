package io.augur.chaos.prom;

import io.augur.domain.Checks;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers queries from a map: a known query returns its value, a query marked failing throws, any
 * other query returns empty (no series).
 */
public final class InMemoryMetricsSource implements MetricsSource {
  private final Map<String, Double> values = new ConcurrentHashMap<>();
  private final Set<String> failing = ConcurrentHashMap.newKeySet();

  public InMemoryMetricsSource set(String promql, double value) {
    Checks.nonBlank("promql", promql);
    values.put(promql, Checks.finite("value", value));
    failing.remove(promql);
    return this;
  }

  public InMemoryMetricsSource fail(String promql) {
    failing.add(Checks.nonBlank("promql", promql));
    return this;
  }

  public Set<String> known() {
    return new HashSet<>(values.keySet());
  }

  @Override
  public OptionalDouble query(String promql) {
    if (failing.contains(promql)) {
      throw new MetricsUnavailableException(
          "query failed (in-memory source marked it failing): " + promql);
    }
    Double v = values.get(promql);
    return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
  }
}
