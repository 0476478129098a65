package io.augur.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.augur.domain.MetricSample;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads and writes one sample in the JSON form prometheus-kafka-adapter produces: {@code
 * {"timestamp":"2026-11-26T18:10:00Z","value":"0.41","name":"node_load1","labels":{...}}}.
 *
 * <p>Parsing never throws for bad input: it returns a {@link ParseResult} holding either the sample
 * or the reason, so callers can route the record to the dead-letter output. Rules:
 *
 * <ul>
 *   <li>{@code value} is a string; {@code +Inf}/{@code -Inf} are read as infinities and then
 *       rejected by {@link MetricSample}; {@code NaN} cannot be told apart from a staleness marker
 *       in this format, so it is read as Prometheus' stale marker (the series ended).
 *   <li>{@code labels} must include {@code __name__} equal to {@code name} when both are present;
 *       the {@code __name__} label is removed from the sample's labels.
 *   <li>Unknown top-level fields are rejected (the adapter writes none), as are labels beyond
 *       {@link #MAX_LABELS}.
 * </ul>
 */
public final class PrometheusJson {

  /** Label sets larger than this are refused: a sign of an exploding label or a broken producer. */
  public static final int MAX_LABELS = 64;

  private static final JsonFactory JSON = new JsonFactory();

  private PrometheusJson() {}

  /** The outcome of parsing one record: a sample, or an error message naming the problem. */
  public record ParseResult(MetricSample sample, String error) {
    public boolean ok() {
      return sample != null;
    }

    static ParseResult fail(String error) {
      return new ParseResult(null, error);
    }
  }

  public static ParseResult parse(String json) {
    if (json == null || json.isBlank()) {
      return ParseResult.fail("empty record");
    }
    String timestamp = null;
    String value = null;
    String name = null;
    Map<String, String> labels = null;
    try (JsonParser p = JSON.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return ParseResult.fail("record is not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        switch (field) {
          case "timestamp" -> timestamp = string(p, t, field);
          case "value" -> value = string(p, t, field);
          case "name" -> name = string(p, t, field);
          case "labels" -> labels = labels(p, t);
          default -> {
            return ParseResult.fail("unknown field \"" + field + "\"");
          }
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
        return ParseResult.fail("trailing content after the JSON object");
      }
    } catch (FieldException e) {
      return ParseResult.fail(e.getMessage());
    } catch (IOException e) {
      return ParseResult.fail("malformed JSON: " + firstLine(e.getMessage()));
    }
    if (timestamp == null) {
      return ParseResult.fail("missing field \"timestamp\"");
    }
    if (value == null) {
      return ParseResult.fail("missing field \"value\"");
    }
    if (labels == null) {
      labels = new HashMap<>();
    }
    String labelName = labels.remove("__name__");
    if (name == null || name.isEmpty()) {
      name = labelName;
    } else if (labelName != null && !labelName.equals(name)) {
      return ParseResult.fail(
          "name \"" + name + "\" differs from label __name__ \"" + labelName + "\"");
    }
    if (name == null || name.isEmpty()) {
      return ParseResult.fail("empty metric name (no \"name\" and no __name__ label)");
    }
    long ts;
    try {
      ts = Rfc3339.parseMillis(timestamp);
    } catch (IllegalArgumentException e) {
      return ParseResult.fail("timestamp: " + e.getMessage());
    }
    double v;
    try {
      v = parseValue(value);
    } catch (NumberFormatException e) {
      return ParseResult.fail("value \"" + value + "\" is not a number");
    }
    try {
      return new ParseResult(new MetricSample(name, labels, ts, v), null);
    } catch (IllegalArgumentException e) {
      return ParseResult.fail(e.getMessage());
    }
  }

  /** Renders a sample as the adapter would (timestamps truncated to whole seconds, as it does). */
  public static String format(MetricSample s) {
    StringWriter w = new StringWriter(160);
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.writeStartObject();
      g.writeStringField(
          "timestamp", Instant.ofEpochMilli(s.timestampMs() / 1000 * 1000).toString());
      g.writeStringField("value", formatValue(s.value()));
      g.writeStringField("name", s.metric());
      g.writeObjectFieldStart("labels");
      g.writeStringField("__name__", s.metric());
      for (Map.Entry<String, String> e : s.labels().entrySet()) {
        g.writeStringField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException("writing JSON to a string failed", e);
    }
    return w.toString();
  }

  static double parseValue(String v) {
    return switch (v) {
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> MetricSample.STALE_NAN;
      default -> {
        if (v.isEmpty()
            || v.indexOf('x') >= 0
            || v.indexOf('X') >= 0
            || Character.isLetter(v.charAt(v.length() - 1))) {
          throw new NumberFormatException(v); // Java would accept "1d", "0x1p3", "Infinity"
        }
        yield Double.parseDouble(v);
      }
    };
  }

  static String formatValue(double v) {
    if (MetricSample.isStaleMarker(v) || Double.isNaN(v)) {
      return "NaN";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return new java.math.BigDecimal(Double.toString(v)).toPlainString();
  }

  private static String string(JsonParser p, JsonToken t, String field) throws IOException {
    if (t != JsonToken.VALUE_STRING) {
      throw new FieldException("field \"" + field + "\" must be a string, got " + describe(t));
    }
    return p.getText();
  }

  private static Map<String, String> labels(JsonParser p, JsonToken t) throws IOException {
    if (t != JsonToken.START_OBJECT) {
      throw new FieldException("field \"labels\" must be an object, got " + describe(t));
    }
    Map<String, String> labels = new HashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String k = p.currentName();
      JsonToken v = p.nextToken();
      if (v != JsonToken.VALUE_STRING) {
        throw new FieldException("label \"" + k + "\" must be a string, got " + describe(v));
      }
      if (labels.size() >= MAX_LABELS) {
        throw new FieldException("more than " + MAX_LABELS + " labels");
      }
      labels.put(k, p.getText());
    }
    return labels;
  }

  private static String describe(JsonToken t) {
    if (t == null) {
      return "end of input";
    }
    return switch (t) {
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      case START_ARRAY -> "an array";
      case START_OBJECT -> "an object";
      default -> t.toString();
    };
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** A field of the wrong shape; carries the message for the dead-letter record. */
  private static final class FieldException extends IOException {
    FieldException(String message) {
      super(message);
    }
  }
}
