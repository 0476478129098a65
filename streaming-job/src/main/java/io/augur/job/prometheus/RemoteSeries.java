package io.augur.job.prometheus;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One series from a remote-read response: its labels ({@code __name__} included, sorted) and its
 * samples in time order.
 */
public final class RemoteSeries {
  private final Map<String, String> labels;
  private final long[] timestamps;
  private final double[] values;

  public RemoteSeries(Map<String, String> labels, long[] timestamps, double[] values) {
    if (labels == null) {
      throw new IllegalArgumentException("labels must not be null");
    }
    if (timestamps == null || values == null || timestamps.length != values.length) {
      throw new IllegalArgumentException(
          "timestamps and values must have the same length, got "
              + (timestamps == null ? "null" : timestamps.length)
              + " and "
              + (values == null ? "null" : values.length));
    }
    this.labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    this.timestamps = timestamps.clone();
    this.values = values.clone();
  }

  public Map<String, String> labels() {
    return labels;
  }

  public String metricName() {
    return labels.getOrDefault("__name__", "");
  }

  public int size() {
    return timestamps.length;
  }

  public long timestampAt(int i) {
    return timestamps[i];
  }

  public double valueAt(int i) {
    return values[i];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RemoteSeries s
        && labels.equals(s.labels)
        && Arrays.equals(timestamps, s.timestamps)
        && Arrays.equals(values, s.values);
  }

  @Override
  public int hashCode() {
    return labels.hashCode() * 31 + Arrays.hashCode(timestamps);
  }

  @Override
  public String toString() {
    return labels + " (" + timestamps.length + " samples)";
  }
}
