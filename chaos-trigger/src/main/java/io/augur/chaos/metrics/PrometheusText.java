package io.augur.chaos.metrics;

import io.augur.domain.Checks;
import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A small writer of Prometheus' text exposition format (version 0.0.4): families, samples,
 * escaping.
 */
final class PrometheusText {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  private static final Pattern METRIC = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  private final StringBuilder out = new StringBuilder();

  /** Starts a family: its HELP and TYPE lines. */
  PrometheusText family(String name, String type, String help) {
    name(name);
    out.append("# HELP ")
        .append(name)
        .append(' ')
        .append(help.replace("\\", "\\\\").replace("\n", "\\n"))
        .append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    return this;
  }

  /** One sample; labels in the map's order. */
  PrometheusText sample(String name, Map<String, String> labels, double value) {
    out.append(name(name));
    if (!labels.isEmpty()) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, String> e : labels.entrySet()) {
        if (!LABEL.matcher(e.getKey()).matches() || e.getKey().startsWith("__")) {
          throw new IllegalArgumentException("not a label name: \"" + e.getKey() + "\"");
        }
        out.append(first ? "" : ",")
            .append(e.getKey())
            .append("=\"")
            .append(escape(e.getValue()))
            .append('"');
        first = false;
      }
      out.append('}');
    }
    out.append(' ').append(number(value)).append('\n');
    return this;
  }

  /** Label values escape backslash, double quote and line feed. */
  static String escape(String v) {
    return Checks.nonNull("label value", v)
        .replace("\\", "\\\\")
        .replace("\"", "\\\"")
        .replace("\n", "\\n");
  }

  static String number(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  private static String name(String name) {
    if (!METRIC.matcher(name).matches()) {
      throw new IllegalArgumentException("not a metric name: \"" + name + "\"");
    }
    return name;
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
