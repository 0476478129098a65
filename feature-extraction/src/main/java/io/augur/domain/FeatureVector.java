package io.augur.domain;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The features of one component (or one series) at one step, in the order its {@link FeatureSchema}
 * gives. Every value is finite: missing inputs are resolved by the feature layer's stated policy
 * before a vector is built.
 */
public record FeatureVector(
    String component,
    Map<String, String> componentLabels,
    long timestampMs,
    FeatureSchema schema,
    double[] values) {

  public FeatureVector {
    Checks.nonBlank("component", component);
    componentLabels =
        Map.copyOf(
            Checks.noNullEntries(
                "componentLabels", componentLabels == null ? Map.of() : componentLabels));
    Checks.nonNegative("timestampMs", timestampMs);
    Checks.nonNull("schema", schema);
    Checks.nonNull("values", values);
    if (values.length != schema.size()) {
      throw new IllegalArgumentException(
          "values has "
              + values.length
              + " entries but schema "
              + schema.name()
              + " has "
              + schema.size());
    }
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException(
            "values["
                + i
                + "] ("
                + schema.features().get(i)
                + ") of "
                + component
                + " must be finite, got "
                + values[i]);
      }
    }
    values = values.clone();
  }

  public double get(String feature) {
    int i = schema.indexOf(feature);
    if (i < 0) {
      throw new IllegalArgumentException(
          "feature \"" + feature + "\" is not in schema " + schema.name());
    }
    return values[i];
  }

  /** A copy of the values; the record itself stays immutable. */
  @Override
  public double[] values() {
    return values.clone();
  }

  /** Direct access for hot paths that promise not to write. */
  public double valueAt(int i) {
    return values[i];
  }

  public Map<String, Double> asMap() {
    Map<String, Double> m = new TreeMap<>();
    for (int i = 0; i < values.length; i++) {
      m.put(schema.features().get(i), values[i]);
    }
    return m;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureVector v
        && component.equals(v.component)
        && componentLabels.equals(v.componentLabels)
        && timestampMs == v.timestampMs
        && schema.equals(v.schema)
        && Arrays.equals(values, v.values);
  }

  @Override
  public int hashCode() {
    return (component.hashCode() * 31 + Long.hashCode(timestampMs)) * 31 + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "FeatureVector["
        + component
        + " @"
        + timestampMs
        + " "
        + schema.name()
        + " "
        + Arrays.toString(values)
        + "]";
  }
}
