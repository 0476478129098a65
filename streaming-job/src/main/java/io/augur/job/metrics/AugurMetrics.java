package io.augur.job.metrics;

import io.augur.domain.FailurePrediction;
import io.augur.domain.Severity;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * The job's own metrics, registered under the operator's metric group {@code augur}: samples in,
 * dead letters (by stage), predictions, alerts by severity, the active model version, scoring
 * latency, and a {@code predicted_failure_probability} gauge per component, bounded: past {@code
 * maxComponents} new components get no gauge (Flink cannot unregister a metric) and are counted in
 * {@code probability_gauges_refused}. With {@link #prometheusReporter} the reporter exposes them as
 * e.g. {@code
 * flink_taskmanager_job_task_operator_augur_component_predicted_failure_probability{component="..."}}
 * (the reporter replaces characters such as {@code /} in label values with {@code _}).
 *
 * <p>Create one per operator instance in {@code open()}: {@code
 * AugurMetrics.register(getRuntimeContext().getMetricGroup(), 1000)}.
 */
public final class AugurMetrics {
  public static final String GROUP = "augur";
  public static final String REPORTER = "prom";

  private final MetricGroup group;
  private final int maxComponents;
  private final Counter samplesIn;
  private final Counter predictions;
  private final Counter refused;
  private final Map<String, Counter> deadLetters = new HashMap<>();
  private final Map<Severity, Counter> alerts = new EnumMap<>(Severity.class);
  private final Histogram scoringLatencyMicros;
  private final Map<String, double[]> probability = new HashMap<>();
  private final Set<String> versions = new HashSet<>();
  private volatile String modelVersion = "";

  private AugurMetrics(MetricGroup operatorGroup, int maxComponents) {
    if (maxComponents < 0) {
      throw new IllegalArgumentException("maxComponents must be >= 0, got " + maxComponents);
    }
    this.group = operatorGroup.addGroup(GROUP);
    this.maxComponents = maxComponents;
    this.samplesIn = group.counter("samples_in");
    this.predictions = group.counter("predictions");
    this.refused = group.counter("probability_gauges_refused");
    for (Severity s : new Severity[] {Severity.MEDIUM, Severity.HIGH}) {
      alerts.put(
          s,
          group
              .addGroup("severity", s.name().toLowerCase(java.util.Locale.ROOT))
              .counter("alerts"));
    }
    this.scoringLatencyMicros =
        group.histogram("scoring_latency_us", new DescriptiveStatisticsHistogram(1024));
  }

  public static AugurMetrics register(MetricGroup operatorGroup, int maxComponents) {
    return new AugurMetrics(operatorGroup, maxComponents);
  }

  /**
   * Adds Flink's Prometheus reporter, listening on the first free port of {@code portRange} (e.g.
   * "9249" or "9250-9260").
   */
  public static Configuration prometheusReporter(Configuration conf, String portRange) {
    conf.setString(
        "metrics.reporter." + REPORTER + ".factory.class",
        "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
    conf.setString("metrics.reporter." + REPORTER + ".port", portRange);
    return conf;
  }

  public void sampleIn() {
    samplesIn.inc();
  }

  public void deadLetter(String stage) {
    deadLetters
        .computeIfAbsent(stage, s -> group.addGroup("stage", s).counter("dead_letters"))
        .inc();
  }

  /** Counts a prediction, its scoring latency, and updates its component's probability gauge. */
  public void prediction(FailurePrediction p, long scoringNanos) {
    predictions.inc();
    scoringLatencyMicros.update(scoringNanos / 1000);
    double[] holder = probability.get(p.component());
    if (holder == null) {
      if (probability.size() >= maxComponents) {
        refused.inc();
        return;
      }
      double[] h = new double[] {p.probability()};
      probability.put(p.component(), h);
      group.addGroup("component", p.component()).gauge("predicted_failure_probability", () -> h[0]);
      return;
    }
    holder[0] = p.probability();
  }

  public void alert(Severity severity) {
    Counter c = alerts.get(severity);
    if (c == null) {
      throw new IllegalArgumentException("alerts are MEDIUM or HIGH, got " + severity);
    }
    c.inc();
  }

  /**
   * Marks {@code version} as the active model: {@code augur_model_active{model_version="v"}} is 1,
   * older ones 0.
   */
  public void modelLoaded(String version) {
    if (version == null || version.isBlank()) {
      throw new IllegalArgumentException("version must not be empty, got \"" + version + "\"");
    }
    modelVersion = version;
    if (versions.add(version)) {
      group
          .addGroup("model_version", version)
          .gauge("model_active", () -> version.equals(modelVersion) ? 1 : 0);
    }
  }

  public int trackedComponents() {
    return probability.size();
  }
}
