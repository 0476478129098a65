package io.augur.features;

import io.augur.domain.FeatureSchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The feature configuration a bundle's schema was computed with, read back from the schema: its
 * metrics (in order), counters (the metrics with a {@code rate} feature), window and step (from the
 * {@code /w<window>s-s<step>s} suffix). For the job to score a bundle trained on other metrics than
 * the demo fleet's, it runs this configuration. The round trip is checked: {@code
 * FeatureSchemas.of(result)} equals the schema, or the schema is refused.
 */
public final class SchemaFeatures {
  private static final Pattern NAME = Pattern.compile("(.+)/w(\\d+)s-s(\\d+)s");

  private SchemaFeatures() {}

  public static FeatureConfig config(FeatureSchema schema, List<String> componentLabels) {
    Matcher m = NAME.matcher(schema.name());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "schema name must end in /w<window>s-s<step>s, got \"" + schema.name() + "\"");
    }
    List<String> metrics = new ArrayList<>();
    Set<String> counters = new HashSet<>();
    for (String f : schema.features()) {
      int colon = f.lastIndexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException(
            "feature names must look like <metric>:<feature>, got \"" + f + "\"");
      }
      String metric = f.substring(0, colon);
      if (!metrics.contains(metric)) {
        metrics.add(metric);
      }
      if (f.substring(colon + 1).equals("rate")) {
        counters.add(metric);
      }
    }
    FeatureConfig cfg =
        FeatureConfig.forMetrics(metrics)
            .withCounters(counters)
            .withSchemaName(m.group(1))
            .withWindow(Long.parseLong(m.group(2)) * 1000, Long.parseLong(m.group(3)) * 1000)
            .withComponentLabels(componentLabels);
    FeatureSchema again = FeatureSchemas.of(cfg);
    if (!again.equals(schema)) {
      throw new IllegalArgumentException(
          "schema "
              + schema.name()
              + " (hash "
              + schema.hash()
              + ") is not one the feature layer "
              + "computes (version "
              + FeatureSchemas.FEATURE_SET_VERSION
              + "); re-train the bundle");
    }
    return cfg;
  }
}
