package io.augur.chaos.safety;

import io.augur.chaos.experiment.PlannedExperiment;
import io.augur.chaos.prom.MetricsSource;
import io.augur.chaos.prom.MetricsUnavailableException;
import io.augur.domain.Checks;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Refuses a target Augur already expects to fail on its own. For each of the plan's targets it
 * reads the current predicted failure probability; above the ceiling the finding is one a named
 * human may accept (the gates answer NEEDS_APPROVAL, and only {@link SafetyGates#approve} with a
 * person lets it through). A probability that cannot be read (query failed, or no series for the
 * target) defers: the check fails closed, and no approval overrides that.
 *
 * <p>The probability comes from the job's per-component gauge ({@code
 * io.augur.job.ops.AugurMetrics}), as Flink's Prometheus reporter exposes it: {@link
 * #DEFAULT_QUERY}, with {@code {component}} the target's component id after the reporter's
 * label-value filter ({@link #reporterLabelValue}).
 */
public final class PredictedFailureCeiling implements PreflightCheck {
  public static final double DEFAULT_CEILING = 0.9;
  public static final String GAUGE =
      "flink_taskmanager_job_task_operator_augur_component_predicted_failure_probability";

  /** The worst subtask's gauge for one component. */
  public static final String DEFAULT_QUERY = "max(" + GAUGE + "{component=\"{component}\"})";

  private static final Pattern REPORTER_UNALLOWED = Pattern.compile("[^a-zA-Z0-9:_]");

  private final Function<String, OptionalDouble> probabilityOfTarget;
  private final double ceiling;

  /**
   * @param probabilityOfTarget the current probability of a target, empty when unknown; may throw
   *     {@link MetricsUnavailableException} (or any runtime exception), which counts as unknown
   */
  public PredictedFailureCeiling(
      Function<String, OptionalDouble> probabilityOfTarget, double ceiling) {
    this.probabilityOfTarget = Checks.nonNull("probabilityOfTarget", probabilityOfTarget);
    this.ceiling = Checks.probability("ceiling", ceiling);
  }

  /**
   * Reads {@code queryTemplate} (with {@code {component}}) for each target from {@code metrics}.
   */
  public static Function<String, OptionalDouble> fromGauge(
      MetricsSource metrics, String queryTemplate) {
    Checks.nonNull("metrics", metrics);
    if (Checks.nonBlank("queryTemplate", queryTemplate).indexOf("{component}") < 0) {
      throw new IllegalArgumentException(
          "queryTemplate must contain {component}, got \"" + queryTemplate + "\"");
    }
    return target ->
        metrics.query(queryTemplate.replace("{component}", reporterLabelValue(target)));
  }

  /**
   * Flink's Prometheus reporter replaces every character outside {@code [a-zA-Z0-9:_]} in label
   * values with '_'.
   */
  public static String reporterLabelValue(String component) {
    return REPORTER_UNALLOWED.matcher(component).replaceAll("_");
  }

  public double ceiling() {
    return ceiling;
  }

  @Override
  public String failure(PlannedExperiment planned, long nowMs) {
    Finding f = find(planned, nowMs);
    return f == null ? null : f.reason();
  }

  @Override
  public Finding find(PlannedExperiment planned, long nowMs) {
    Finding above = null;
    for (String target : planned.plan().targets()) {
      OptionalDouble p;
      try {
        p = probabilityOfTarget.apply(target);
      } catch (RuntimeException e) {
        return unknown(target, e.getMessage());
      }
      if (p == null || p.isEmpty() || !(p.getAsDouble() >= 0 && p.getAsDouble() <= 1)) {
        return unknown(
            target,
            p == null || p.isEmpty()
                ? "no value"
                : "value " + p.getAsDouble() + " is not a probability");
      }
      if (above == null && p.getAsDouble() > ceiling) {
        above =
            new Finding(
                String.format(
                    Locale.ROOT,
                    "pre-flight: Augur predicts failure of %s with probability %.4f > ceiling %.4f: "
                        + "never inject into what is expected to fail on its own unless a human approves",
                    target,
                    p.getAsDouble(),
                    ceiling),
                true);
      }
    }
    return above;
  }

  private static Finding unknown(String target, String why) {
    return new Finding(
        "pre-flight: predicted failure probability of "
            + target
            + " is unknown ("
            + why
            + "): deferred, the check fails closed",
        false);
  }
}
