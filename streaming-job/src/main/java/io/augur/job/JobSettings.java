package io.augur.job;

import io.augur.domain.AlertPolicy;
import io.augur.features.FeatureConfig;
import io.augur.fleet.FleetMetric;
import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The job's typed settings, validated once when built.
 *
 * @param metrics the metrics a component's scorer reads, in order
 * @param outOfOrderness how late a sample may arrive and still count (watermark slack)
 * @param alerts when predictions become alerts (thresholds and the k-of-n hold)
 * @param parallelism operator parallelism (sources and sinks may use fewer)
 * @param features the feature layer's configuration (window, step, component labels, metrics)
 * @param bundleDir the model bundle to score with; null scores with the walking skeleton's EWMA
 *     scorer
 * @param maxBatch the most windows the scorer buffers before it scores them
 * @param modelWatchDir a directory of bundle directories watched for new models (hot reload); null:
 *     none
 */
public record JobSettings(
    List<String> metrics,
    Duration outOfOrderness,
    AlertPolicy alerts,
    int parallelism,
    FeatureConfig features,
    String bundleDir,
    int maxBatch,
    String modelWatchDir)
    implements Serializable {

  public JobSettings {
    metrics = List.copyOf(metrics);
    if (metrics.isEmpty()) {
      throw new IllegalArgumentException("metrics must not be empty");
    }
    if (outOfOrderness.isNegative()) {
      throw new IllegalArgumentException("outOfOrderness must be >= 0, got " + outOfOrderness);
    }
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
    }
    if (alerts == null) {
      throw new IllegalArgumentException("alerts must not be null");
    }
    if (features == null) {
      throw new IllegalArgumentException("features must not be null");
    }
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be >= 1, got " + maxBatch);
    }
  }

  /** Labels whose values identify a component: the feature layer's (default job, instance). */
  public List<String> componentLabels() {
    return features.componentLabels();
  }

  /** Scores with the ensemble in {@code dir} (a model bundle) instead of the skeleton scorer. */
  public JobSettings withBundle(String dir) {
    return new JobSettings(
        metrics, outOfOrderness, alerts, parallelism, features, dir, maxBatch, modelWatchDir);
  }

  /**
   * Watches {@code dir} for new bundle directories and swaps to each good one without a restart.
   */
  public JobSettings withModelWatch(String dir) {
    return new JobSettings(
        metrics, outOfOrderness, alerts, parallelism, features, bundleDir, maxBatch, dir);
  }

  /** True when the job scores with a model bundle; false: the walking skeleton's EWMA scorer. */
  public boolean usesEnsemble() {
    return bundleDir != null;
  }

  /** Defaults for the demo fleet's metrics. */
  public static JobSettings defaults() {
    return new JobSettings(
        Arrays.stream(FleetMetric.values()).map(FleetMetric::metricName).toList(),
        Duration.ofSeconds(30),
        AlertPolicy.defaults(), // 12 of 16 steps of 15 s at or above 0.7
        2,
        FeatureConfig.demoFleet(),
        null,
        512,
        null);
  }

  /** The same job with another alert policy. */
  public JobSettings withAlerts(AlertPolicy policy) {
    return new JobSettings(
        metrics, outOfOrderness, policy, parallelism, features, bundleDir, maxBatch, modelWatchDir);
  }

  public JobSettings withParallelism(int p) {
    return new JobSettings(
        metrics, outOfOrderness, alerts, p, features, bundleDir, maxBatch, modelWatchDir);
  }
}
