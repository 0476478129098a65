package io.augur.domain;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One Prometheus sample: a metric name, its labels (without {@code __name__}), a timestamp in epoch
 * milliseconds and a value.
 *
 * <p>Values follow Prometheus semantics with one restriction: the stale marker (a NaN with the bit
 * pattern {@link #STALE_NAN_BITS}) is accepted and means "this series ended"; every other NaN and
 * both infinities are rejected, so the dead-letter output names them instead of letting them poison
 * windows.
 */
public record MetricSample(
    String metric, Map<String, String> labels, long timestampMs, double value) {

  /** Prometheus' staleness marker, {@code value.StaleNaN} in its source. */
  public static final long STALE_NAN_BITS = 0x7ff0000000000002L;

  public static final double STALE_NAN = Double.longBitsToDouble(STALE_NAN_BITS);

  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  public MetricSample {
    Checks.nonBlank("metric", metric);
    if (!METRIC_NAME.matcher(metric).matches()) {
      throw new IllegalArgumentException(
          "metric must match [a-zA-Z_:][a-zA-Z0-9_:]*, got \"" + metric + "\"");
    }
    Checks.noNullEntries("labels", labels == null ? Map.of() : labels);
    TreeMap<String, String> sorted = new TreeMap<>();
    if (labels != null) {
      for (Map.Entry<String, String> e : labels.entrySet()) {
        if (!LABEL_NAME.matcher(e.getKey()).matches() || e.getKey().equals("__name__")) {
          throw new IllegalArgumentException(
              "labels: label name \""
                  + e.getKey()
                  + "\" of metric "
                  + metric
                  + " is not a valid label name");
        }
        sorted.put(e.getKey(), e.getValue());
      }
    }
    labels = Collections.unmodifiableSortedMap(sorted);
    Checks.nonNegative("timestampMs", timestampMs);
    if (Double.isInfinite(value) || (Double.isNaN(value) && !isStaleMarker(value))) {
      throw new IllegalArgumentException(
          "value of "
              + metric
              + " at "
              + timestampMs
              + " must be finite (or Prometheus' stale marker), got "
              + value);
    }
  }

  public static boolean isStaleMarker(double v) {
    return Double.doubleToRawLongBits(v) == STALE_NAN_BITS;
  }

  /** True when this sample is Prometheus' staleness marker rather than a value. */
  public boolean stale() {
    return isStaleMarker(value);
  }

  public SeriesKey seriesKey() {
    return SeriesKey.of(metric, labels);
  }
}
