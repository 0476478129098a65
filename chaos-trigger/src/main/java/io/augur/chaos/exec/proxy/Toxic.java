package io.augur.chaos.exec.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.augur.domain.Checks;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One active fault on a proxy, in toxiproxy's shape: {@code {"name": "lat", "type": "latency",
 * "stream": "downstream", "attributes": {"latency": 200, "jitter": 50}}}. The constructor fills in
 * defaults and refuses unknown attributes and values out of range, naming the toxic and the value.
 *
 * @param name unique on its proxy, 1-128 characters of {@code [A-Za-z0-9._-]}
 * @param stream the direction it acts on (ignored by connection-level types such as {@code down})
 * @param attributes every attribute of the type, integral ones as {@code Long}, the others as
 *     {@code Double}
 */
public record Toxic(
    String name, ToxicType type, ToxicStream stream, Map<String, Number> attributes) {
  private static final Set<String> FIELDS = Set.of("name", "type", "stream", "attributes");

  public Toxic {
    Checks.nonBlank("toxic name", name);
    if (!name.matches("[A-Za-z0-9._-]{1,128}")) {
      throw new IllegalArgumentException(
          "toxic name must be 1-128 characters of [A-Za-z0-9._-], got \"" + name + "\"");
    }
    Checks.nonNull("toxic " + name + " type", type);
    stream = stream == null ? ToxicStream.DOWNSTREAM : stream;
    Map<String, Number> given =
        Checks.noNullEntries(
            "toxic " + name + " attributes", attributes == null ? Map.of() : attributes);
    for (String k : given.keySet()) {
      if (type.attribute(k).isEmpty()) {
        throw new IllegalArgumentException(
            "toxic "
                + name
                + " ("
                + type.id()
                + ") has no attribute "
                + k
                + "; it takes "
                + type.attributes().stream().map(ToxicType.Attr::name).toList());
      }
    }
    Map<String, Number> all = new LinkedHashMap<>();
    for (ToxicType.Attr a : type.attributes()) {
      Number v = given.containsKey(a.name()) ? given.get(a.name()) : a.fallback();
      if (v == null) {
        throw new IllegalArgumentException(
            "toxic "
                + name
                + " ("
                + type.id()
                + ") needs attribute "
                + a.name()
                + " ("
                + a.range()
                + ")");
      }
      all.put(a.name(), check(name, type, a, v));
    }
    attributes = Map.copyOf(all);
  }

  private static Number check(String name, ToxicType type, ToxicType.Attr a, Number v) {
    double d = v.doubleValue();
    String where = "toxic " + name + " (" + type.id() + ") attribute " + a.name();
    if (!Double.isFinite(d) || d < a.min() || d > a.max()) {
      throw new IllegalArgumentException(where + " must be in " + a.range() + ", got " + v);
    }
    if (a.integral()) {
      if (v instanceof Double || v instanceof Float) {
        if (d != Math.rint(d)) {
          throw new IllegalArgumentException(where + " must be a whole number, got " + v);
        }
        return (long) d;
      }
      return v.longValue();
    }
    return d;
  }

  public static Toxic of(
      String name, ToxicType type, ToxicStream stream, Map<String, ? extends Number> attributes) {
    return new Toxic(name, type, stream, Map.copyOf(attributes));
  }

  public long longAttr(String key) {
    return attr(key).longValue();
  }

  public double doubleAttr(String key) {
    return attr(key).doubleValue();
  }

  private Number attr(String key) {
    Number v = attributes.get(key);
    if (v == null) {
      throw new IllegalStateException(
          "toxic " + name + " (" + type.id() + ") has no attribute " + key);
    }
    return v;
  }

  /** Whether it acts on data flowing in that direction. */
  public boolean acts(boolean upstream) {
    return !type.connectionLevel() && stream.covers(upstream);
  }

  /** The same toxic with other attribute values (for an update). */
  public Toxic withAttributes(Map<String, Number> changed) {
    Map<String, Number> m = new LinkedHashMap<>(attributes);
    m.putAll(changed);
    return new Toxic(name, type, stream, m);
  }

  public ObjectNode toJson() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("name", name).put("type", type.id()).put("stream", stream.id());
    ObjectNode a = n.putObject("attributes");
    for (ToxicType.Attr at : type.attributes()) {
      Number v = attributes.get(at.name());
      if (v instanceof Long l) {
        a.put(at.name(), l);
      } else {
        a.put(at.name(), v.doubleValue());
      }
    }
    return n;
  }

  /**
   * Reads the JSON shape; every problem is an {@link IllegalArgumentException} naming the field.
   */
  public static Toxic fromJson(JsonNode n) {
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException(
          "a toxic must be a JSON object like {\"name\": \"lat\", \"type\": \"latency\", "
              + "\"attributes\": {\"latency\": 200}}, got "
              + (n == null ? "nothing" : n.getNodeType().name().toLowerCase()));
    }
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!FIELDS.contains(f)) {
        throw new IllegalArgumentException("a toxic has no field " + f + "; it has " + FIELDS);
      }
    }
    String type = text(n, "type", null);
    if (type == null) {
      throw new IllegalArgumentException(
          "a toxic needs a type (one of "
              + java.util.Arrays.stream(ToxicType.values()).map(ToxicType::id).toList()
              + ")");
    }
    ToxicType t = ToxicType.fromId(type);
    String streamText = text(n, "stream", null);
    ToxicStream stream =
        streamText == null
            ? ToxicStream.DOWNSTREAM
            : ToxicStream.fromId("toxic " + t.id(), streamText);
    String name = text(n, "name", t.id() + "_" + stream.id()); // toxiproxy's default name
    return new Toxic(name, t, stream, attributes(name, n));
  }

  /** The {@code attributes} object of a body (for updates too); numbers only. */
  static Map<String, Number> attributes(String name, JsonNode n) {
    JsonNode a = n.get("attributes");
    Map<String, Number> m = new LinkedHashMap<>();
    if (a == null || a.isNull()) {
      return m;
    }
    if (!a.isObject()) {
      throw new IllegalArgumentException(
          "toxic " + name + " attributes must be an object of numbers, got " + a);
    }
    for (Map.Entry<String, JsonNode> e : a.properties()) {
      if (!e.getValue().isNumber()
          || (e.getValue().isIntegralNumber() && !e.getValue().canConvertToLong())) {
        throw new IllegalArgumentException(
            "toxic "
                + name
                + " attribute "
                + e.getKey()
                + " must be a number, got "
                + e.getValue());
      }
      m.put(
          e.getKey(),
          e.getValue().isIntegralNumber()
              ? (Number) e.getValue().longValue()
              : e.getValue().doubleValue());
    }
    return m;
  }

  private static String text(JsonNode n, String field, String fallback) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isTextual() || v.asText().isBlank()) {
      throw new IllegalArgumentException(
          "toxic " + field + " must be a non-empty string, got " + v);
    }
    return v.asText();
  }
}
