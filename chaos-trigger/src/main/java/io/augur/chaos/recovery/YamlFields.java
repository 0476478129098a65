package io.augur.chaos.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.augur.chaos.requirements.Durations;
import io.augur.json.Wire;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A YAML mapping being read, with its path in the file ({@code validation[1].http}), so every error
 * names the file, the field and the value. Strings have {@code ${name}} replaced from the
 * variables. Shared by the files that declare checks (recovery tests, game-day scenarios).
 */
public final class YamlFields {
  private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_.-]*)}");

  private final String file;
  private final String path;
  private final JsonNode node;
  private final Map<String, String> vars;

  private static final ObjectMapper YAML = Wire.USER_YAML;

  /** The text of {@code file}, or an error naming {@code what} and the file. */
  public static String readText(Path file, String what) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read " + what + " " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The document {@code yaml} (from {@code source}) as its top-level mapping, with {@code ${name}}
   * replaced from its {@code vars:} mapping and then {@code overrides}.
   */
  public static YamlFields document(String source, String yaml, Map<String, String> overrides) {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (IOException e) {
      // one line: Jackson's message carries the offending snippet on further lines
      throw new IllegalArgumentException(
          source
              + ": not YAML: "
              + String.valueOf(e.getMessage()).strip().replaceAll("\\s*\\R\\s*", " "),
          e);
    }
    Map<String, String> vars =
        new LinkedHashMap<>(new YamlFields(source, "", root, Map.of()).stringMap("vars"));
    vars.putAll(overrides == null ? Map.of() : overrides);
    return new YamlFields(source, "", root, vars);
  }

  public YamlFields(String file, String path, JsonNode node, Map<String, String> vars) {
    this.file = file;
    this.path = path;
    this.node = node;
    this.vars = vars;
    if (node == null || !node.isObject()) {
      throw error(path.isEmpty() ? "the document" : path, "must be a mapping", node);
    }
  }

  public IllegalArgumentException error(String field, String what, JsonNode value) {
    return new IllegalArgumentException(
        file
            + ": "
            + field
            + " "
            + what
            + ", got "
            + (value == null || value.isMissingNode()
                ? "nothing"
                : value.isTextual() ? "\"" + value.asText() + "\"" : value));
  }

  private String at(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  public boolean has(String key) {
    JsonNode v = node.get(key);
    return v != null && !v.isNull();
  }

  /** Fails naming every key not in {@code known} (typos do not pass silently). */
  public void only(String... known) {
    Set<String> ok = Set.of(known);
    Set<String> bad = new TreeSet<>();
    node.fieldNames()
        .forEachRemaining(
            k -> {
              if (!ok.contains(k)) {
                bad.add(k);
              }
            });
    if (!bad.isEmpty()) {
      throw new IllegalArgumentException(
          file
              + ": "
              + (path.isEmpty() ? "the document" : path)
              + " has unknown field(s) "
              + bad
              + "; known: "
              + new TreeSet<>(ok));
    }
  }

  public String string(String key) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank()) {
      throw error(at(key), "must be a non-empty string", v);
    }
    return substitute(at(key), v.asText());
  }

  public String string(String key, String fallback) {
    return has(key) ? string(key) : fallback;
  }

  public int integer(String key, int fallback) {
    if (!has(key)) {
      return fallback;
    }
    String s = string(key);
    try {
      return Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      throw error(at(key), "must be a whole number", node.get(key));
    }
  }

  public Duration duration(String key, Duration fallback) {
    if (!has(key)) {
      return fallback;
    }
    String s = string(key);
    try {
      return Durations.parse(file + ": " + at(key), s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  public YamlFields object(String key) {
    return new YamlFields(file, at(key), node.get(key), vars);
  }

  public Map<String, String> stringMap(String key) {
    Map<String, String> out = new LinkedHashMap<>();
    if (!has(key)) {
      return out;
    }
    JsonNode m = node.get(key);
    if (!m.isObject()) {
      throw error(at(key), "must be a mapping of name to value", m);
    }
    for (Map.Entry<String, JsonNode> e : m.properties()) {
      if (!e.getValue().isValueNode() || e.getValue().isNull()) {
        throw error(at(key) + "." + e.getKey(), "must be a string or number", e.getValue());
      }
      out.put(e.getKey(), substitute(at(key) + "." + e.getKey(), e.getValue().asText()));
    }
    return out;
  }

  public List<String> strings(String key) {
    JsonNode v = node.get(key);
    if (v == null || !v.isArray() || v.isEmpty()) {
      throw error(at(key), "must be a non-empty list of strings", v);
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      if (!v.get(i).isValueNode() || v.get(i).isNull()) {
        throw error(at(key) + "[" + i + "]", "must be a string", v.get(i));
      }
      out.add(substitute(at(key) + "[" + i + "]", v.get(i).asText()));
    }
    return out;
  }

  /** The list under {@code key} (absent: empty), each element a mapping. */
  public List<YamlFields> objects(String key) {
    List<YamlFields> out = new ArrayList<>();
    if (!has(key)) {
      return out;
    }
    JsonNode v = node.get(key);
    if (!v.isArray()) {
      throw error(at(key), "must be a list", v);
    }
    for (int i = 0; i < v.size(); i++) {
      out.add(new YamlFields(file, at(key) + "[" + i + "]", v.get(i), vars));
    }
    return out;
  }

  public String path() {
    return path;
  }

  public String file() {
    return file;
  }

  /** The mapping itself (e.g. to read it again with some keys removed). */
  public JsonNode node() {
    return node;
  }

  /** The variables {@code ${name}} is replaced from. */
  public Map<String, String> vars() {
    return vars;
  }

  private String substitute(String field, String text) {
    Matcher m = VAR.matcher(text);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String v = vars.get(m.group(1));
      if (v == null) {
        throw new IllegalArgumentException(
            file
                + ": "
                + field
                + " uses ${"
                + m.group(1)
                + "}, which is not defined "
                + "(define it under vars: or pass --set "
                + m.group(1)
                + "=VALUE; defined: "
                + new TreeSet<>(vars.keySet())
                + ")");
      }
      m.appendReplacement(b, Matcher.quoteReplacement(v));
    }
    m.appendTail(b);
    return b.toString();
  }
}
