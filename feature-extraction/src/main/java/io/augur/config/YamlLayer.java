package io.augur.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A YAML configuration file as flat dotted keys with the line each value is on, read with Jackson's
 * YAML parser (the one YAML reader Augur uses). Maps nest into dotted keys; a value is a scalar or
 * a list of scalars. A list of maps, a duplicate key or a syntax error is a problem naming the line
 * (a refused value is never echoed, since it may be a secret).
 */
final class YamlLayer {
  private static final YAMLFactory YAML = YAMLFactory.builder().build();

  private YamlLayer() {}

  /** What a file held: its values, with {@code source:line} origins, and its problems. */
  record Parsed(List<RawValue> values, List<String> problems) {
    Parsed {
      values = List.copyOf(values);
      problems = List.copyOf(problems);
    }
  }

  static Parsed parse(String text, String source) {
    List<RawValue> values = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    try (JsonParser p = YAML.createParser(text)) {
      p.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
      JsonToken t = p.nextToken();
      if (t == null) {
        return new Parsed(values, problems); // an empty file
      }
      if (t != JsonToken.START_OBJECT) {
        if (t != JsonToken.VALUE_NULL) {
          problems.add(
              source + ":" + line(p) + ": the file must be a map of sections (key: value)");
        }
        return new Parsed(values, problems);
      }
      readMap(p, "", source, values, problems);
    } catch (JsonParseException e) {
      String msg =
          e.getOriginalMessage() == null
              ? ""
              : e.getOriginalMessage().lines().findFirst().orElse("");
      problems.add(
          source
              + ":"
              + (e.getLocation() == null ? "?" : e.getLocation().getLineNr())
              + ": not valid YAML"
              + (msg.contains("Duplicate field") ? " (" + msg.replace("field", "key") + ")" : ""));
    } catch (IOException e) {
      problems.add(source + ": cannot read: " + e.getMessage());
    }
    return new Parsed(values, problems);
  }

  /** Reads the map the parser is in (after its START_OBJECT) up to its END_OBJECT. */
  private static void readMap(
      JsonParser p, String prefix, String source, List<RawValue> values, List<String> problems)
      throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = prefix + p.currentName();
      int line = line(p);
      JsonToken v = p.nextToken();
      switch (v) {
        case START_OBJECT -> readMap(p, key + ".", source, values, problems);
        case START_ARRAY -> {
          List<String> items = new ArrayList<>();
          boolean ok = true;
          for (JsonToken i = p.nextToken(); i != JsonToken.END_ARRAY; i = p.nextToken()) {
            if (i == JsonToken.START_OBJECT || i == JsonToken.START_ARRAY) {
              if (ok) {
                problems.add(
                    source
                        + ":"
                        + line(p)
                        + ": "
                        + key
                        + ": a list item must be a plain value, not a "
                        + (i == JsonToken.START_OBJECT ? "map" : "list"));
              }
              ok = false;
              p.skipChildren();
            } else if (i != JsonToken.VALUE_NULL) {
              items.add(p.getText());
            }
          }
          if (ok) {
            values.add(new RawValue(key, List.copyOf(items), source + ":" + line));
          }
        }
        case VALUE_NULL -> {} // "key:" or "key: ~" sets nothing
        default -> {
          String s = p.getText();
          if (!s.isEmpty()) {
            values.add(new RawValue(key, s, source + ":" + line));
          }
        }
      }
    }
  }

  private static int line(JsonParser p) {
    JsonLocation l = p.currentTokenLocation();
    return l == null ? 0 : l.getLineNr();
  }
}
