package io.augur.features;

import io.augur.domain.MetricSample;
import java.util.Map;

/** Test fixtures: samples of one component ({@code job=app, instance=app-0}) on a 15 s grid. */
final class Samples {
  static final long STEP = 15_000;
  static final Map<String, String> LABELS = Map.of("job", "app", "instance", "app-0");
  static final String COMPONENT = "app/app-0";

  private Samples() {}

  /**
   * Gauge {@code g} and counter {@code c_total}; window 60 s (4 points), no lateness, TTL 120 s.
   */
  static FeatureConfig smallConfig() {
    return FeatureConfig.forMetrics(java.util.List.of("g", "c_total"))
        .withWindow(60_000, STEP)
        .withAllowedLateness(0)
        .withSeriesTtl(120_000);
  }

  static MetricSample at(String metric, long step, double value) {
    return new MetricSample(metric, LABELS, step * STEP, value);
  }

  static MetricSample at(String metric, Map<String, String> extra, long step, double value) {
    java.util.Map<String, String> l = new java.util.HashMap<>(LABELS);
    l.putAll(extra);
    return new MetricSample(metric, l, step * STEP, value);
  }

  static ComponentFeatureExtractor extractor(FeatureConfig cfg) {
    return new ComponentFeatureExtractor(cfg, COMPONENT, LABELS);
  }

  static double f(io.augur.domain.FeatureVector v, String metric, SeriesFeature feature) {
    return v.get(FeatureSchemas.featureName(metric, feature));
  }
}
