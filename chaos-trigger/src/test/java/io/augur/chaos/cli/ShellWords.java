package io.augur.chaos.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of a POSIX shell to pull {@code augur chaos ...} invocations out of CI scripts: line
 * continuations, single and double quotes, {@code $VAR} and {@code ${VAR}} from the pipeline's
 * variables, and the end of a command at an unquoted {@code ; | & > < #} or {@code )}.
 */
final class ShellWords {
  private static final Pattern START = Pattern.compile("(?:^|[\\s;&|(])(?:\\./)?augur\\s+chaos\\s");
  private static final Pattern VAR =
      Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)}|([A-Za-z_][A-Za-z0-9_]*))");

  private ShellWords() {}

  /** Every {@code augur chaos} command in a script, as its words after {@code chaos}. */
  static List<List<String>> chaosCommands(String script, Map<String, String> vars) {
    List<List<String>> out = new ArrayList<>();
    String joined = script.replace("\\\r\n", " ").replace("\\\n", " ");
    for (String line : joined.split("\n")) {
      Matcher m = START.matcher(line);
      int from = 0;
      while (m.find(from)) {
        int start = m.end();
        List<String> words = new ArrayList<>();
        int end = words(line, start, vars, words);
        out.add(words);
        from = Math.max(end, start);
        if (from >= line.length()) {
          break;
        }
      }
    }
    return out;
  }

  /** Reads words from {@code i} until the command ends; returns where it ended. */
  private static int words(String s, int i, Map<String, String> vars, List<String> words) {
    StringBuilder w = null;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        if (w != null) {
          words.add(w.toString());
          w = null;
        }
        i++;
      } else if (";|&<>)".indexOf(c) >= 0 || (c == '#' && w == null)) {
        break;
      } else if (c == '\'') {
        int close = s.indexOf('\'', i + 1);
        if (close < 0) {
          throw new IllegalArgumentException("unclosed ' in: " + s);
        }
        w = (w == null ? new StringBuilder() : w).append(s, i + 1, close);
        i = close + 1;
      } else if (c == '"') {
        int close = s.indexOf('"', i + 1);
        if (close < 0) {
          throw new IllegalArgumentException("unclosed \" in: " + s);
        }
        w = (w == null ? new StringBuilder() : w).append(expand(s.substring(i + 1, close), vars));
        i = close + 1;
      } else if (c == '$') {
        Matcher m = VAR.matcher(s).region(i, s.length());
        if (!m.lookingAt()) {
          throw new IllegalArgumentException("cannot read the $ at " + i + " in: " + s);
        }
        w = (w == null ? new StringBuilder() : w).append(expand(m.group(), vars));
        i = m.end();
      } else {
        w = (w == null ? new StringBuilder() : w).append(c);
        i++;
      }
    }
    if (w != null) {
      words.add(w.toString());
    }
    return i;
  }

  private static String expand(String s, Map<String, String> vars) {
    Matcher m = VAR.matcher(s);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2);
      String v = vars.get(name);
      if (v == null) {
        throw new IllegalArgumentException(
            "variable "
                + name
                + " is not defined in the pipeline's variables/env "
                + vars.keySet());
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(v));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
