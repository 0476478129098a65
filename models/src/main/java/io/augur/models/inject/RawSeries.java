package io.augur.models.inject;

import io.augur.domain.Checks;
import io.augur.domain.MetricSample;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * One raw series before the feature layer: a metric, its labels and its samples in time order, held
 * as two arrays (a few bytes a sample, where a list of {@link MetricSample}s costs a map each).
 *
 * @param metric the metric name
 * @param labels the series' labels, {@code __name__} excluded
 * @param timestampsMs sample times, strictly increasing
 * @param values sample values, finite
 */
public record RawSeries(
    String metric, Map<String, String> labels, long[] timestampsMs, double[] values) {
  public RawSeries {
    Checks.nonBlank("metric", metric);
    labels =
        java.util.Collections.unmodifiableSortedMap(
            new TreeMap<>(Checks.noNullEntries("labels", labels)));
    Checks.nonNull("timestampsMs", timestampsMs);
    Checks.nonNull("values", values);
    if (timestampsMs.length != values.length) {
      throw new IllegalArgumentException(
          "timestampsMs ("
              + timestampsMs.length
              + ") and values ("
              + values.length
              + ") of "
              + metric
              + labels
              + " must have the same length");
    }
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException(
            "values[" + i + "] of " + metric + labels + " must be finite, got " + values[i]);
      }
      if (i > 0 && timestampsMs[i] <= timestampsMs[i - 1]) {
        throw new IllegalArgumentException(
            "timestampsMs of "
                + metric
                + labels
                + " must increase, got "
                + timestampsMs[i - 1]
                + " then "
                + timestampsMs[i]
                + " at index "
                + i);
      }
    }
  }

  public int size() {
    return values.length;
  }

  /** The sample at {@code i} as the feature layer takes it. */
  public MetricSample sample(int i) {
    return new MetricSample(metric, labels, timestampsMs[i], values[i]);
  }

  /** The samples with {@code fromMs <= t < toMs}. */
  public RawSeries slice(long fromMs, long toMs) {
    int a = lowerBound(fromMs);
    int b = lowerBound(toMs);
    return new RawSeries(
        metric, labels, Arrays.copyOfRange(timestampsMs, a, b), Arrays.copyOfRange(values, a, b));
  }

  /** Index of the first sample at or after {@code t} ({@link #size()} when none). */
  public int lowerBound(long t) {
    int i = Arrays.binarySearch(timestampsMs, t);
    return i >= 0 ? i : -i - 1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RawSeries s
        && metric.equals(s.metric)
        && labels.equals(s.labels)
        && Arrays.equals(timestampsMs, s.timestampsMs)
        && Arrays.equals(values, s.values);
  }

  @Override
  public int hashCode() {
    return (metric.hashCode() * 31 + labels.hashCode()) * 31 + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return metric + labels + " (" + values.length + " samples)";
  }
}
