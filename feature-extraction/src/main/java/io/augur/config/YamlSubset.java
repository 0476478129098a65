package io.augur.config;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the part of YAML that Augur's configuration files use, keeping each value's line for
 * messages: nested maps by indentation, scalars (plain, 'single' or "double" quoted), lists as
 * {@code [a, b]} or as {@code - item} lines, comments. Anything else (flow maps, lists of maps,
 * block scalars, anchors, tags, tabs) is refused with its line rather than guessed at. Every problem
 * of a file is reported, not only the first. A {@code null}, {@code ~} or empty value means "not set".
 *
 * <p>feature-extraction has no YAML library; where one is available, a tree read by it can be given
 * to {@link Configuration.Builder#tree} instead (without line numbers).
 */
public final class YamlSubset {
  private YamlSubset() {}

  /** What a file held: its values, with {@code source:line} origins, and its syntax problems. */
  public record Parsed(List<RawValue> values, List<String> problems) {
    public Parsed {
      values = List.copyOf(values);
      problems = List.copyOf(problems);
    }
  }

  private static final class Frame {
    final int indent;
    final String key;
    final int line;
    List<String> items;
    boolean hasChildren;

    Frame(int indent, String key, int line) {
      this.indent = indent;
      this.key = key;
      this.line = line;
    }
  }

  private static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }

  public static Parsed parse(String text, String source) {
    List<RawValue> values = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Deque<Frame> stack = new ArrayDeque<>();
    String[] lines = text.split("\r?\n", -1);
    for (int n = 1; n <= lines.length; n++) {
      String line = lines[n - 1];
      String content = stripComment(line);
      if (content.isBlank()) {
        continue;
      }
      try {
        int indent = 0;
        while (indent < content.length() && content.charAt(indent) == ' ') {
          indent++;
        }
        if (content.charAt(indent) == '\t') {
          throw new Refused("indent with spaces, not tabs");
        }
        String body = content.strip();
        if (body.equals("---") && indent == 0 && values.isEmpty() && stack.isEmpty()) {
          continue;
        }
        if (body.equals("-") || body.startsWith("- ")) {
          while (!stack.isEmpty() && stack.peek().indent > indent) {
            close(stack.pop(), values, source);
          }
          Frame owner = stack.peek();
          if (owner == null || owner.hasChildren) {
            throw new Refused("a list item must follow a key that has no value, like \"selectors:\"");
          }
          String item = body.substring(1).strip();
          if (item.startsWith("- ") || item.startsWith("[") || looksLikeKey(item)) {
            throw new Refused("a list item must be a string (lists of lists or of maps are not supported)");
          }
          String v = scalar(item);
          if (v == null) {
            throw new Refused("a list item must not be empty or null");
          }
          if (owner.items == null) {
            owner.items = new ArrayList<>();
          }
          owner.items.add(v);
          continue;
        }
        int colon = keyColon(body);
        if (colon < 0) {
          throw new Refused("expected \"key: value\", \"key:\" or \"- item\"");
        }
        String key = unquote(body.substring(0, colon).strip());
        if (!key.matches("[A-Za-z0-9_.-]+")) {
          throw new Refused("a key is letters, digits, '_', '-' and '.', got \"" + key + "\"");
        }
        String value = body.substring(colon + 1).strip();
        while (!stack.isEmpty() && stack.peek().indent >= indent) {
          close(stack.pop(), values, source);
        }
        Frame parent = stack.peek();
        if (parent != null && parent.items != null) {
          throw new Refused("a key inside the list " + parent.key);
        }
        if (parent != null) {
          parent.hasChildren = true;
        }
        String full = parent == null ? key : parent.key + "." + key;
        if (!seen.add(full)) {
          throw new Refused("duplicate key " + full);
        }
        if (value.isEmpty()) {
          stack.push(new Frame(indent, full, n));
        } else {
          Object v = value(value);
          if (v != null) {
            values.add(new RawValue(full, v, source + ":" + n));
          }
        }
      } catch (Refused e) {
        problems.add(source + ":" + n + ": " + e.getMessage()); // not the line: it may hold a secret
      }
    }
    while (!stack.isEmpty()) {
      close(stack.pop(), values, source);
    }
    return new Parsed(values, problems);
  }

  private static void close(Frame f, List<RawValue> values, String source) {
    if (f.items != null) {
      values.add(new RawValue(f.key, List.copyOf(f.items), source + ":" + f.line));
    }
  }

  private static Object value(String v) {
    if (v.startsWith("[")) {
      if (!v.endsWith("]")) {
        throw new Refused("a flow list must end on its line with ]");
      }
      String inner = v.substring(1, v.length() - 1).strip();
      List<String> items = new ArrayList<>();
      if (!inner.isEmpty()) {
        for (String part : splitOutsideQuotes(inner)) {
          String s = part.strip();
          if (s.startsWith("[") || s.startsWith("{")) {
            throw new Refused("a list item must be a string (lists of lists or of maps are not supported)");
          }
          String item = scalar(s);
          if (item == null) {
            throw new Refused("a list item must not be empty or null");
          }
          items.add(item);
        }
      }
      return List.copyOf(items);
    }
    if (v.startsWith("{")) {
      throw new Refused("flow maps are not supported; write each key on its own line");
    }
    return scalar(v);
  }

  private static String scalar(String s) {
    if (s.isEmpty() || s.equals("~") || s.equals("null")) {
      return null;
    }
    char c = s.charAt(0);
    if (c == '|' || c == '>') {
      throw new Refused("block scalars (| and >) are not supported; write the value on one line");
    }
    if (c == '&' || c == '*' || c == '!') {
      throw new Refused("anchors, aliases and tags are not supported");
    }
    if (c == '\'' || c == '"') {
      if (s.length() < 2 || s.charAt(s.length() - 1) != c) {
        throw new Refused("unterminated quoted string");
      }
      return unquote(s);
    }
    return s;
  }

  private static String unquote(String s) {
    if (s.length() >= 2 && s.charAt(0) == '\'' && s.endsWith("'")) {
      return s.substring(1, s.length() - 1).replace("''", "'");
    }
    if (s.length() >= 2 && s.charAt(0) == '"' && s.endsWith("\"")) {
      String in = s.substring(1, s.length() - 1);
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < in.length(); i++) {
        char ch = in.charAt(i);
        if (ch == '\\' && i + 1 < in.length()) {
          char e = in.charAt(++i);
          b.append(switch (e) {
            case 'n' -> '\n';
            case 't' -> '\t';
            case '"', '\\', '/' -> e;
            default -> throw new Refused("unsupported escape \\" + e);
          });
        } else {
          b.append(ch);
        }
      }
      return b.toString();
    }
    return s;
  }

  /** Cuts a {@code #} comment that starts the line or follows a blank, outside quotes. */
  static String stripComment(String line) {
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == '\\' && quote == '"') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if ((c == '\'' || c == '"') && opensQuote(line, i)) {
        quote = c;
      } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        return line.substring(0, i);
      }
    }
    return line;
  }

  private static boolean opensQuote(String line, int i) {
    int j = i - 1;
    while (j >= 0 && line.charAt(j) == ' ') {
      j--;
    }
    return j < 0 || ":[,-".indexOf(line.charAt(j)) >= 0;
  }

  /** The colon ending a key: the first outside quotes that ends the text or is followed by a blank. */
  private static int keyColon(String body) {
    char quote = 0;
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if ((c == '\'' || c == '"') && i == 0) {
        quote = c;
      } else if (c == ':' && (i + 1 == body.length() || body.charAt(i + 1) == ' ')) {
        return i;
      }
    }
    return -1;
  }

  private static boolean looksLikeKey(String item) {
    return !item.startsWith("'") && !item.startsWith("\"") && keyColon(item) > 0;
  }

  private static List<String> splitOutsideQuotes(String s) {
    List<String> parts = new ArrayList<>();
    char quote = 0;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == '\\' && quote == '"') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if ((c == '\'' || c == '"') && opensQuote(s, i)) {
        quote = c;
      } else if (c == ',') {
        parts.add(s.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(s.substring(start));
    return parts;
  }
}
