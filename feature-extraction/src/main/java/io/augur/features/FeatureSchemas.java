package io.augur.features;

import io.augur.domain.FeatureSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the component {@link FeatureSchema} a {@link FeatureConfig} produces: for each metric in
 * order, its {@link SeriesFeature}s in order (counters add {@code rate}), named {@code
 * <metric>:<feature>}. The schema name carries window and step, so a model trained on 5 min windows
 * refuses vectors of 10 min windows even though the feature names match.
 */
public final class FeatureSchemas {

  /** Bumped whenever a feature's formula changes, so old models refuse new vectors. */
  public static final int FEATURE_SET_VERSION = 1;

  private FeatureSchemas() {}

  public static FeatureSchema of(FeatureConfig cfg) {
    List<String> names = new ArrayList<>();
    for (String metric : cfg.metrics()) {
      boolean counter = cfg.isCounter(metric);
      for (SeriesFeature f : SeriesFeature.values()) {
        if (f != SeriesFeature.RATE || counter) {
          names.add(metric + ":" + f.label());
        }
      }
    }
    String name =
        cfg.schemaName() + "/w" + cfg.windowMs() / 1000 + "s-s" + cfg.stepMs() / 1000 + "s";
    return new FeatureSchema(name, FEATURE_SET_VERSION, names);
  }

  /** The demo fleet's schema: its ten metrics, default window and step (162 features). */
  public static FeatureSchema demoFleet() {
    return of(FeatureConfig.demoFleet());
  }

  /** The feature name for {@code metric} and {@code feature}, as it appears in a schema. */
  public static String featureName(String metric, SeriesFeature feature) {
    return metric + ":" + feature.label();
  }
}
