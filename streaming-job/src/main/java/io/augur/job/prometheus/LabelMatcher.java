package io.augur.job.prometheus;

import java.io.Serializable;
import java.util.regex.Pattern;

/**
 * One remote-read label matcher ({@code name op "value"}), as in PromQL: EQ {@code =}, NEQ {@code
 * !=}, RE {@code =~}, NRE {@code !~}. Regexes are anchored at both ends by the server (RE2).
 */
public record LabelMatcher(Type type, String name, String value) implements Serializable {

  /** The protocol's matcher types; the ordinal is the wire number. */
  public enum Type {
    EQ("="),
    NEQ("!="),
    RE("=~"),
    NRE("!~");

    private final String op;

    Type(String op) {
      this.op = op;
    }

    public String op() {
      return op;
    }
  }

  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Pattern TEXT =
      Pattern.compile(
          "\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*");

  public LabelMatcher {
    if (type == null) {
      throw new IllegalArgumentException("type must not be null");
    }
    if (name == null || !LABEL_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "name must be a label name like job or __name__, got \"" + name + "\"");
    }
    if (value == null) {
      throw new IllegalArgumentException("value of matcher " + name + " must not be null");
    }
    if (type == Type.RE || type == Type.NRE) {
      try {
        Pattern.compile(value);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "value of matcher " + name + " is not a valid regex: \"" + value + "\"", e);
      }
    }
  }

  public static LabelMatcher eq(String name, String value) {
    return new LabelMatcher(Type.EQ, name, value);
  }

  public static LabelMatcher neq(String name, String value) {
    return new LabelMatcher(Type.NEQ, name, value);
  }

  public static LabelMatcher re(String name, String value) {
    return new LabelMatcher(Type.RE, name, value);
  }

  public static LabelMatcher nre(String name, String value) {
    return new LabelMatcher(Type.NRE, name, value);
  }

  /** Parses {@code job="node"}, {@code __name__=~"up|scrape_.*"} and the like. */
  public static LabelMatcher parse(String text) {
    var m = TEXT.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "matcher must look like name=\"value\" (ops = != =~ !~), got \"" + text + "\"");
    }
    String value = m.group(3).replace("\\\"", "\"").replace("\\\\", "\\");
    Type type =
        switch (m.group(2)) {
          case "=" -> Type.EQ;
          case "!=" -> Type.NEQ;
          case "=~" -> Type.RE;
          default -> Type.NRE;
        };
    return new LabelMatcher(type, m.group(1), value);
  }

  /**
   * Parses a selector's matcher set, {@code {job="node",__name__=~"node_.*"}} or {@code
   * node_load1{job="node"}} (a leading metric name becomes {@code __name__="..."}).
   */
  public static java.util.List<LabelMatcher> parseSet(String selector) {
    String s = selector == null ? "" : selector.trim();
    java.util.List<LabelMatcher> out = new java.util.ArrayList<>();
    int brace = s.indexOf('{');
    String name = brace < 0 ? s : s.substring(0, brace).trim();
    if (!name.isEmpty()) {
      if (!name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*")) {
        throw new IllegalArgumentException(
            "selector must look like name{label=\"value\",...}, got \"" + selector + "\"");
      }
      out.add(eq("__name__", name));
    }
    if (brace >= 0) {
      if (!s.endsWith("}")) {
        throw new IllegalArgumentException("selector must end with }, got \"" + selector + "\"");
      }
      String body = s.substring(brace + 1, s.length() - 1);
      var m =
          java.util.regex.Pattern.compile(
                  "\\s*[a-zA-Z_][a-zA-Z0-9_]*\\s*(=~|!~|!=|=)\\s*\"(?:[^\"\\\\]|\\\\.)*\"\\s*(,|$)")
              .matcher(body);
      int at = 0;
      while (at < body.length() && m.find(at) && m.start() == at) {
        String one = body.substring(m.start(), m.end()).trim();
        out.add(parse(one.endsWith(",") ? one.substring(0, one.length() - 1) : one));
        at = m.end();
      }
      if (at < body.length() && !body.substring(at).isBlank()) {
        throw new IllegalArgumentException(
            "selector has an unparsable matcher at \""
                + body.substring(at)
                + "\" in \""
                + selector
                + "\"");
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(
          "selector must hold at least one matcher, got \"" + selector + "\"");
    }
    return java.util.List.copyOf(out);
  }

  /**
   * True when a series with this label value (empty when absent) matches, as the server decides.
   */
  public boolean matches(String labelValue) {
    String v = labelValue == null ? "" : labelValue;
    return switch (type) {
      case EQ -> v.equals(value);
      case NEQ -> !v.equals(value);
      case RE -> Pattern.compile(value).matcher(v).matches();
      case NRE -> !Pattern.compile(value).matcher(v).matches();
    };
  }

  @Override
  public String toString() {
    return name + type.op + '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
