package io.augur.chaos.exec;

import io.augur.chaos.catalogue.ExperimentType;
import io.augur.chaos.requirements.Durations;
import io.augur.chaos.safety.ApprovedPlan;
import io.augur.domain.Checks;
import io.augur.domain.ExperimentPlan;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fault's parameters: the catalogue's defaults for its type, overridden by the plan's evidence
 * entries named {@code param.<key>} (so a plan file can say {@code param.latency: 500ms}), plus the
 * plan's duration.
 */
public record FaultParams(ExperimentType type, Map<String, String> values, Duration duration) {
  public static final String PREFIX = "param.";

  public FaultParams {
    Checks.nonNull("type", type);
    values = Map.copyOf(Checks.noNullEntries("values", values));
    Checks.nonNull("duration", duration);
  }

  public static FaultParams of(ApprovedPlan approved) {
    ExperimentPlan plan = approved.planned().plan();
    ExperimentType type = approved.planned().type();
    Map<String, String> v = new LinkedHashMap<>(type.params());
    plan.evidence()
        .forEach(
            (k, val) -> {
              if (k.startsWith(PREFIX) && k.length() > PREFIX.length()) {
                v.put(k.substring(PREFIX.length()), val);
              }
            });
    return new FaultParams(type, v, Duration.ofSeconds(plan.durationSeconds()));
  }

  /** The value, or {@code fallback} when absent. */
  public String get(String key, String fallback) {
    return values.getOrDefault(key, fallback);
  }

  /** The value, or an {@link IllegalArgumentException} naming the type and key. */
  public String require(String key) {
    String v = values.get(key);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException(
          type.id() + " needs parameter " + key + " (set evidence " + PREFIX + key + ")");
    }
    return v;
  }

  /** A duration such as {@code 200ms}, {@code 2s} or {@code 1m30s} ({@link Durations}). */
  public Duration duration(String key, Duration fallback) {
    String v = values.get(key);
    return v == null || v.isBlank()
        ? fallback
        : Durations.parse(type.id() + " parameter " + key, v);
  }
}
