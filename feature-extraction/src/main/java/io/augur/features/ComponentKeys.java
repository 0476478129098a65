package io.augur.features;

import io.augur.domain.MetricSample;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Component identity: the values of the configured component labels joined with {@code /}, e.g.
 * {@code checkout/checkout-0:8080} for {@code job,instance}. A missing label counts as the empty
 * value, as in Prometheus, so every sample has a component.
 */
public final class ComponentKeys {
  private ComponentKeys() {}

  public static String componentOf(MetricSample sample, FeatureConfig cfg) {
    List<String> names = cfg.componentLabels();
    Map<String, String> labels = sample.labels();
    if (names.size() == 2) {
      return labels.getOrDefault(names.get(0), "") + "/" + labels.getOrDefault(names.get(1), "");
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < names.size(); i++) {
      if (i > 0) {
        sb.append('/');
      }
      sb.append(labels.getOrDefault(names.get(i), ""));
    }
    return sb.toString();
  }

  /** The component labels of a sample, in configured order (missing ones as empty values). */
  public static Map<String, String> componentLabels(MetricSample sample, FeatureConfig cfg) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String name : cfg.componentLabels()) {
      out.put(name, sample.labels().getOrDefault(name, ""));
    }
    return out;
  }
}
