package io.augur.chaos.loop;

import io.augur.chaos.prom.MetricsSource;
import io.augur.chaos.prom.MetricsUnavailableException;
import io.augur.chaos.safety.AbortCondition;
import io.augur.chaos.safety.ApprovedPlan;
import io.augur.domain.Checks;
import io.augur.domain.ExperimentOutcome;
import io.augur.domain.ExperimentPlan;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * For whoever runs experiments: snapshots the metrics around a fault and writes the outcome to the
 * log. {@link #observe(String)} reads every abort condition's PromQL now, keyed {@code
 * <prefix>.<condition name>} (a query that fails or has no data is left out); call it with "before"
 * when the fault starts, and {@link #record} adds "after" itself.
 */
public final class OutcomeRecorder {
  private final OutcomeLog log;
  private final MetricsSource metrics;
  private final List<AbortCondition> conditions;
  private final Clock clock;

  public OutcomeRecorder(
      OutcomeLog log, MetricsSource metrics, List<AbortCondition> conditions, Clock clock) {
    this.log = Checks.nonNull("log", log);
    this.metrics = Checks.nonNull("metrics", metrics);
    this.conditions = List.copyOf(Checks.noNullElements("conditions", conditions));
    this.clock = Checks.nonNull("clock", clock);
  }

  public Map<String, Double> observe(String prefix) {
    Checks.nonBlank("prefix", prefix);
    Map<String, Double> out = new LinkedHashMap<>();
    for (AbortCondition c : conditions) {
      try {
        OptionalDouble v = metrics.query(c.promql());
        if (v.isPresent() && Double.isFinite(v.getAsDouble())) {
          out.put(prefix + "." + c.name(), v.getAsDouble());
        }
      } catch (MetricsUnavailableException e) {
        // left out: an observation we could not make is not a zero
      }
    }
    return out;
  }

  /**
   * Records the outcome of an approved plan that ran from {@code startedAtMs} until now, with the
   * "before" observations given and "after" observations read now; one outcome per target.
   */
  public List<ExperimentOutcome> record(
      ApprovedPlan approved,
      ExperimentOutcome.Status status,
      long startedAtMs,
      Long recoveryTimeMs,
      boolean recoveredAutomatically,
      Map<String, Double> before,
      String notes) {
    return record(
        approved,
        status,
        startedAtMs,
        clock.millis(),
        recoveryTimeMs,
        recoveredAutomatically,
        before,
        notes);
  }

  /**
   * As {@link #record(ApprovedPlan, ExperimentOutcome.Status, long, Long, boolean, Map, String)},
   * but the fault ended at {@code endedAtMs} (e.g. when it was verified gone), not now; "after"
   * observations are still read now.
   */
  public List<ExperimentOutcome> record(
      ApprovedPlan approved,
      ExperimentOutcome.Status status,
      long startedAtMs,
      long endedAtMs,
      Long recoveryTimeMs,
      boolean recoveredAutomatically,
      Map<String, Double> before,
      String notes) {
    Checks.nonNull("approved", approved);
    ExperimentPlan plan = approved.planned().plan();
    Map<String, Double> obs = new LinkedHashMap<>(before == null ? Map.of() : before);
    obs.putAll(observe("after"));
    long end = Math.max(endedAtMs, startedAtMs);
    List<ExperimentOutcome> out =
        plan.targets().stream()
            .map(
                t ->
                    new ExperimentOutcome(
                        plan.id(),
                        t,
                        plan.experimentType(),
                        plan.failureMode(),
                        status,
                        startedAtMs,
                        end,
                        recoveryTimeMs,
                        recoveredAutomatically,
                        obs,
                        notes))
            .toList();
    out.forEach(log::append);
    return out;
  }
}
