package io.augur.features;

import io.augur.domain.Checks;
import io.augur.fleet.FleetMetric;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the feature layer computes and how it treats messy input. Immutable; every argument is
 * checked up front and a bad one is named with its value.
 *
 * @param schemaName base name of the emitted {@link io.augur.domain.FeatureSchema}
 * @param windowMs sliding window length (default 5 min); a multiple of {@code stepMs}
 * @param stepMs step grid (default 15 s); one vector per component per step
 * @param allowedLatenessMs how long after a step's end samples for it are still accepted; the
 *     step's vector is emitted once the watermark passes {@code stepEnd + allowedLatenessMs}
 * @param seriesTtlMs a series with no sample for this long is dropped (state freed)
 * @param maxSeriesPerComponent label-explosion cap: series beyond it are refused and counted
 * @param componentLabels the labels whose values identify a component (default {@code
 *     job,instance})
 * @param metrics the metrics a component schema covers, in schema order
 * @param counters the subset of {@code metrics} that are monotone counters
 * @param ewmaFastSpan span in steps of the fast EWMA (alpha = 2 / (span + 1))
 * @param ewmaSlowSpan span in steps of the slow EWMA
 * @param holtAlpha Holt level smoothing, in (0, 1]
 * @param holtBeta Holt trend smoothing, in (0, 1]
 */
public record FeatureConfig(
    String schemaName,
    long windowMs,
    long stepMs,
    long allowedLatenessMs,
    long seriesTtlMs,
    int maxSeriesPerComponent,
    List<String> componentLabels,
    List<String> metrics,
    Set<String> counters,
    int ewmaFastSpan,
    int ewmaSlowSpan,
    double holtAlpha,
    double holtBeta)
    implements java.io.Serializable {

  public static final long DEFAULT_WINDOW_MS = 300_000;
  public static final long DEFAULT_STEP_MS = 15_000;
  public static final long DEFAULT_ALLOWED_LATENESS_MS = 30_000;
  public static final long DEFAULT_SERIES_TTL_MS = 600_000;
  public static final int DEFAULT_MAX_SERIES_PER_COMPONENT = 200;
  public static final List<String> DEFAULT_COMPONENT_LABELS = List.of("job", "instance");
  public static final List<String> KUBERNETES_COMPONENT_LABELS = List.of("namespace", "pod");
  public static final String DEFAULT_SCHEMA_NAME = "augur-component-features";

  /** At most this many points per window: keeps per-series state under 1 KiB. */
  public static final int MAX_WINDOW_POINTS = 60;

  /** Steps a series may run ahead of the next step to emit (watermark lag) before it is refused. */
  public static final int RING_SLACK_STEPS = 6;

  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

  public FeatureConfig {
    Checks.nonBlank("schemaName", schemaName);
    if (stepMs < 1000) {
      throw new IllegalArgumentException("stepMs must be >= 1000, got " + stepMs);
    }
    if (windowMs < 2 * stepMs || windowMs % stepMs != 0 || windowMs / stepMs > MAX_WINDOW_POINTS) {
      throw new IllegalArgumentException(
          "windowMs must be a multiple of stepMs="
              + stepMs
              + " spanning 2.."
              + MAX_WINDOW_POINTS
              + " steps, got "
              + windowMs);
    }
    if (allowedLatenessMs < 0 || allowedLatenessMs > windowMs) {
      throw new IllegalArgumentException(
          "allowedLatenessMs must be within [0, windowMs="
              + windowMs
              + "], got "
              + allowedLatenessMs);
    }
    if (seriesTtlMs < windowMs) {
      throw new IllegalArgumentException(
          "seriesTtlMs must be >= windowMs=" + windowMs + ", got " + seriesTtlMs);
    }
    if (maxSeriesPerComponent < 1) {
      throw new IllegalArgumentException(
          "maxSeriesPerComponent must be >= 1, got " + maxSeriesPerComponent);
    }
    Checks.noNullElements("componentLabels", componentLabels);
    if (componentLabels.isEmpty()
        || new HashSet<>(componentLabels).size() != componentLabels.size()) {
      throw new IllegalArgumentException(
          "componentLabels must be a non-empty list of distinct label names, got "
              + componentLabels);
    }
    componentLabels.forEach(l -> Checks.nonBlank("componentLabels[]", l));
    Checks.noNullElements("metrics", metrics);
    if (metrics.isEmpty() || new HashSet<>(metrics).size() != metrics.size()) {
      throw new IllegalArgumentException(
          "metrics must be a non-empty list of distinct names, got " + metrics);
    }
    for (String m : metrics) {
      if (!METRIC_NAME.matcher(m).matches()) {
        throw new IllegalArgumentException(
            "metrics: \"" + m + "\" is not a valid Prometheus metric name");
      }
    }
    Checks.noNullElements("counters", counters);
    for (String c : counters) {
      if (!metrics.contains(c)) {
        throw new IllegalArgumentException(
            "counters: \"" + c + "\" is not one of metrics " + metrics);
      }
    }
    if (ewmaFastSpan < 1 || ewmaSlowSpan < ewmaFastSpan) {
      throw new IllegalArgumentException(
          "ewma spans must satisfy 1 <= ewmaFastSpan <= ewmaSlowSpan, got "
              + ewmaFastSpan
              + ", "
              + ewmaSlowSpan);
    }
    if (!(holtAlpha > 0 && holtAlpha <= 1)) {
      throw new IllegalArgumentException("holtAlpha must be within (0, 1], got " + holtAlpha);
    }
    if (!(holtBeta > 0 && holtBeta <= 1)) {
      throw new IllegalArgumentException("holtBeta must be within (0, 1], got " + holtBeta);
    }
    componentLabels = List.copyOf(componentLabels);
    metrics = List.copyOf(metrics);
    counters = Set.copyOf(counters);
  }

  /**
   * Defaults for the given metrics; those whose name ends in {@code _total} (the Prometheus naming
   * convention) are treated as counters.
   */
  public static FeatureConfig forMetrics(List<String> metrics) {
    Checks.noNullElements("metrics", metrics);
    Set<String> counters = new HashSet<>();
    for (String m : metrics) {
      if (m.endsWith("_total")) {
        counters.add(m);
      }
    }
    return new FeatureConfig(
        DEFAULT_SCHEMA_NAME,
        DEFAULT_WINDOW_MS,
        DEFAULT_STEP_MS,
        DEFAULT_ALLOWED_LATENESS_MS,
        DEFAULT_SERIES_TTL_MS,
        DEFAULT_MAX_SERIES_PER_COMPONENT,
        DEFAULT_COMPONENT_LABELS,
        metrics,
        counters,
        4,
        20,
        0.5,
        0.2);
  }

  /** The demo fleet's ten {@link FleetMetric}s, counters as the fleet declares them. */
  public static FeatureConfig demoFleet() {
    List<String> names = Arrays.stream(FleetMetric.values()).map(FleetMetric::metricName).toList();
    Set<String> counters = new HashSet<>();
    for (FleetMetric m : FleetMetric.values()) {
      if (m.counter()) {
        counters.add(m.metricName());
      }
    }
    return forMetrics(names).withCounters(counters);
  }

  public FeatureConfig withWindow(long windowMs, long stepMs) {
    return new FeatureConfig(
        schemaName,
        windowMs,
        stepMs,
        allowedLatenessMs,
        seriesTtlMs,
        maxSeriesPerComponent,
        componentLabels,
        metrics,
        counters,
        ewmaFastSpan,
        ewmaSlowSpan,
        holtAlpha,
        holtBeta);
  }

  public FeatureConfig withAllowedLateness(long ms) {
    return new FeatureConfig(
        schemaName,
        windowMs,
        stepMs,
        ms,
        seriesTtlMs,
        maxSeriesPerComponent,
        componentLabels,
        metrics,
        counters,
        ewmaFastSpan,
        ewmaSlowSpan,
        holtAlpha,
        holtBeta);
  }

  public FeatureConfig withSeriesTtl(long ms) {
    return new FeatureConfig(
        schemaName,
        windowMs,
        stepMs,
        allowedLatenessMs,
        ms,
        maxSeriesPerComponent,
        componentLabels,
        metrics,
        counters,
        ewmaFastSpan,
        ewmaSlowSpan,
        holtAlpha,
        holtBeta);
  }

  public FeatureConfig withMaxSeriesPerComponent(int cap) {
    return new FeatureConfig(
        schemaName,
        windowMs,
        stepMs,
        allowedLatenessMs,
        seriesTtlMs,
        cap,
        componentLabels,
        metrics,
        counters,
        ewmaFastSpan,
        ewmaSlowSpan,
        holtAlpha,
        holtBeta);
  }

  public FeatureConfig withComponentLabels(List<String> labels) {
    return new FeatureConfig(
        schemaName,
        windowMs,
        stepMs,
        allowedLatenessMs,
        seriesTtlMs,
        maxSeriesPerComponent,
        labels,
        metrics,
        counters,
        ewmaFastSpan,
        ewmaSlowSpan,
        holtAlpha,
        holtBeta);
  }

  /** The Kubernetes profile: components are pods ({@code namespace}, {@code pod}). */
  public FeatureConfig kubernetes() {
    return withComponentLabels(KUBERNETES_COMPONENT_LABELS);
  }

  public FeatureConfig withCounters(Set<String> counters) {
    return new FeatureConfig(
        schemaName,
        windowMs,
        stepMs,
        allowedLatenessMs,
        seriesTtlMs,
        maxSeriesPerComponent,
        componentLabels,
        metrics,
        counters,
        ewmaFastSpan,
        ewmaSlowSpan,
        holtAlpha,
        holtBeta);
  }

  public FeatureConfig withSchemaName(String name) {
    return new FeatureConfig(
        name,
        windowMs,
        stepMs,
        allowedLatenessMs,
        seriesTtlMs,
        maxSeriesPerComponent,
        componentLabels,
        metrics,
        counters,
        ewmaFastSpan,
        ewmaSlowSpan,
        holtAlpha,
        holtBeta);
  }

  /** Points per window: {@code windowMs / stepMs} (20 by default). */
  public int windowPoints() {
    return (int) (windowMs / stepMs);
  }

  /**
   * Ring capacity: the window, the steps still open under allowed lateness and {@link
   * #RING_SLACK_STEPS} for data running ahead of the watermark.
   */
  public int ringCapacity() {
    return windowPoints() + (int) ((allowedLatenessMs + stepMs - 1) / stepMs) + RING_SLACK_STEPS;
  }

  public boolean isCounter(String metric) {
    return counters.contains(metric);
  }

  /** Index of {@code metric} in {@link #metrics()}, or -1 when the schema does not cover it. */
  public int metricIndex(String metric) {
    return metrics.indexOf(metric);
  }

  /** The step (on the grid) a timestamp belongs to: step k covers (k*step - step, k*step]. */
  public long stepOf(long timestampMs) {
    return Math.floorDiv(timestampMs + stepMs - 1, stepMs);
  }
}
