package io.augur.domain;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Identity of a time series: metric name plus its sorted labels, rendered as Prometheus does
 * ({@code name{a="1",b="2"}}). The 64-bit {@link #hash()} is stable across JVMs and runs.
 */
public record SeriesKey(String metric, SortedMap<String, String> labels) {

  public SeriesKey {
    Checks.nonBlank("metric", metric);
    Checks.noNullEntries("labels", labels == null ? Map.of() : labels);
    labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels == null ? Map.of() : labels));
  }

  public static SeriesKey of(String metric, Map<String, String> labels) {
    return new SeriesKey(metric, new TreeMap<>(labels));
  }

  /** The canonical text form, e.g. {@code cpu{instance="a",job="b"}}. */
  public String canonical() {
    StringBuilder sb = new StringBuilder(metric).append('{');
    boolean first = true;
    for (Map.Entry<String, String> e : labels.entrySet()) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      sb.append(e.getKey()).append("=\"").append(escape(e.getValue())).append('"');
    }
    return sb.append('}').toString();
  }

  /** FNV-1a 64 over the canonical form: stable, cheap, good enough to shard by. */
  public long hash() {
    long h = 0xcbf29ce484222325L;
    for (byte b : canonical().getBytes(StandardCharsets.UTF_8)) {
      h ^= (b & 0xff);
      h *= 0x100000001b3L;
    }
    return h;
  }

  @Override
  public String toString() {
    return canonical();
  }

  private static String escape(String v) {
    return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
