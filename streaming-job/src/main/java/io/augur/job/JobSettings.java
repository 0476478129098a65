package io.augur.job;

import io.augur.domain.Severity;
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
 * @param parallelism operator parallelism (sources and sinks may use fewer)
 * @param features the feature layer's configuration (window, step, component labels, metrics)
 * @param bundleDir the model bundle to score with; null scores with the walking skeleton's EWMA scorer
 * @param maxBatch the most windows the scorer buffers before it scores them
 * @param modelWatchDir a directory of bundle directories watched for new models (hot reload); null: none
 */
public record JobSettings(
    List<String> metrics,
    Duration outOfOrderness,
    double mediumAt,
    double highAbove,
    double hysteresis,
    int alertForSteps,
    int parallelism,
    FeatureConfig features,
    String bundleDir,
    int maxBatch,
    String modelWatchDir) implements Serializable {

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
    new AlertDecider(mediumAt, highAbove, hysteresis, alertForSteps); // validates the thresholds
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
    return new JobSettings(metrics, outOfOrderness, mediumAt, highAbove, hysteresis, alertForSteps,
        parallelism, features, dir, maxBatch, modelWatchDir);
  }

  /** Watches {@code dir} for new bundle directories and swaps to each good one without a restart. */
  public JobSettings withModelWatch(String dir) {
    return new JobSettings(metrics, outOfOrderness, mediumAt, highAbove, hysteresis, alertForSteps,
        parallelism, features, bundleDir, maxBatch, dir);
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
        Severity.DEFAULT_MEDIUM_AT,
        Severity.DEFAULT_HIGH_ABOVE,
        0.1,
        12, // fire once the probability has held for 3 min of 15 s steps, as a Prometheus `for: 3m` would
        2,
        FeatureConfig.demoFleet(),
        null,
        512,
        null);
  }

  public JobSettings withParallelism(int p) {
    return new JobSettings(metrics, outOfOrderness, mediumAt, highAbove, hysteresis, alertForSteps, p,
        features, bundleDir, maxBatch, modelWatchDir);
  }
}
