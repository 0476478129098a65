package io.augur.chaos.safety;

import io.augur.chaos.requirements.Durations;
import io.augur.domain.Checks;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stop the experiment when {@code promql} crosses {@code threshold} ({@code above}: value >
 * threshold aborts, else value < threshold), and has stayed across it for {@code forDuration} (as a
 * Prometheus alerting rule's {@code for}; zero: at once). Carried into the plan's rollback triggers
 * as {@link #trigger()} and read back from them with {@link #parse}.
 */
public record AbortCondition(
    String name, String promql, boolean above, double threshold, Duration forDuration) {
  private static final String PREFIX = "abort if ";
  // greedy PromQL: the comparison is the last " > " or " < " before the threshold (and the optional
  // "for")
  private static final Pattern TAIL =
      Pattern.compile(
          "(.+) ([<>]) (\\S+)(?: for ([0-9][0-9.]*(?:ms|s|m|h)(?:[0-9.]+(?:ms|s|m|h))*))?",
          Pattern.DOTALL);

  public AbortCondition {
    Checks.nonBlank("name", name);
    if (name.contains(": ") || name.contains("\n")) {
      throw new IllegalArgumentException(
          "abort condition name must not contain \": \" or a line break (it ends the name"
              + " in the trigger text), got \""
              + name
              + "\"");
    }
    Checks.nonBlank("promql", promql);
    Checks.finite("threshold", threshold);
    forDuration = forDuration == null ? Duration.ZERO : forDuration;
    if (forDuration.isNegative()) {
      throw new IllegalArgumentException(
          "for of abort condition " + name + " must be >= 0, got " + forDuration);
    }
  }

  /** A condition that aborts at the first evaluation that crosses the threshold. */
  public AbortCondition(String name, String promql, boolean above, double threshold) {
    this(name, promql, above, threshold, Duration.ZERO);
  }

  /** SLO violation (fast burn), error ratio and p99 latency limits. */
  public static List<AbortCondition> defaults() {
    return List.of(
        new AbortCondition("slo-burn-rate", "max(slo:burn_rate:ratio_rate5m)", true, 14.4),
        new AbortCondition(
            "error-ratio",
            "sum(rate(http_requests_total{code=~\"5..\"}[1m])) / sum(rate(http_requests_total[1m]))",
            true,
            0.05),
        new AbortCondition(
            "latency-p99-seconds",
            "histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[1m])))",
            true,
            1.0));
  }

  public boolean violatedBy(double value) {
    return above ? value > threshold : value < threshold;
  }

  /** The same condition with a {@code for} duration. */
  public AbortCondition withFor(Duration d) {
    return new AbortCondition(name, promql, above, threshold, d);
  }

  /**
   * {@code abort if <name>: <promql> > <threshold>}, followed by {@code for <duration>} (e.g.
   * {@code for 30s}) when the condition has one.
   */
  public String trigger() {
    String t =
        String.format(
            Locale.ROOT, "abort if %s: %s %s %s", name, promql, above ? ">" : "<", threshold);
    return forDuration.isZero() ? t : t + " for " + Durations.format(forDuration);
  }

  /** The comparison as a reader would write it, e.g. {@code > 0.5 for 10s}. */
  public String limit() {
    String t = String.format(Locale.ROOT, "%s %s", above ? ">" : "<", threshold);
    return forDuration.isZero() ? t : t + " for " + Durations.format(forDuration);
  }

  /**
   * Reads back what {@link #trigger()} wrote. The name ends at the first {@code ": "}; the PromQL
   * runs to the last {@code " > "} or {@code " < "} before the threshold, so PromQL that itself
   * compares or contains colons reads back unchanged.
   *
   * @throws IllegalArgumentException naming the text and what is wrong with it
   */
  public static AbortCondition parse(String trigger) {
    Checks.nonNull("trigger", trigger);
    String s = trigger.strip();
    if (!s.startsWith(PREFIX)) {
      throw bad(trigger, "it must start with \"" + PREFIX + "\"");
    }
    String rest = s.substring(PREFIX.length());
    int colon = rest.indexOf(": ");
    if (colon <= 0) {
      throw bad(trigger, "the condition's name must be followed by \": \"");
    }
    String name = rest.substring(0, colon);
    Matcher m = TAIL.matcher(rest.substring(colon + 2));
    if (!m.matches()) {
      throw bad(
          trigger,
          "expected \"<promql> > <threshold>\" or \"<promql> < <threshold>\", optionally followed by"
              + " \"for <duration>\"");
    }
    double threshold;
    try {
      threshold = Double.parseDouble(m.group(3));
    } catch (NumberFormatException e) {
      throw bad(trigger, "threshold \"" + m.group(3) + "\" is not a number");
    }
    if (!Double.isFinite(threshold)) {
      throw bad(trigger, "threshold \"" + m.group(3) + "\" must be finite");
    }
    Duration d = m.group(4) == null ? Duration.ZERO : Durations.parse("for", m.group(4));
    try {
      return new AbortCondition(name, m.group(1), ">".equals(m.group(2)), threshold, d);
    } catch (IllegalArgumentException e) {
      throw bad(trigger, e.getMessage());
    }
  }

  private static IllegalArgumentException bad(String trigger, String why) {
    return new IllegalArgumentException(
        "rollback trigger \"" + trigger + "\" is not an abort condition: " + why);
  }
}
