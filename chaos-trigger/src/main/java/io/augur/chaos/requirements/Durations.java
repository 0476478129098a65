package io.augur.chaos.requirements;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations written like Go's: {@code 500ms}, {@code 30s}, {@code 1m30s}, {@code 2h}. */
public final class Durations {
  private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h)");

  private Durations() {}

  public static Duration parse(String field, String text) {
    String s = text == null ? "" : text.trim().replace(" ", "");
    if (s.startsWith("<")) {
      s = s.substring(1);
    }
    Matcher m = PART.matcher(s);
    double ms = 0;
    int end = 0;
    while (m.find()) {
      if (m.start() != end) {
        break;
      }
      double v = Double.parseDouble(m.group(1));
      ms +=
          v
              * switch (m.group(2)) {
                case "ms" -> 1;
                case "s" -> 1000;
                case "m" -> 60_000;
                default -> 3_600_000;
              };
      end = m.end();
    }
    if (s.isEmpty() || end != s.length()) {
      throw new IllegalArgumentException(
          field + " must be a duration like 500ms, 30s or 1m30s, got \"" + text + "\"");
    }
    return Duration.ofMillis(Math.round(ms));
  }

  /** Short form: 500ms, 30s, 90s, 2m. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 60_000 == 0 && ms >= 60_000) {
      return ms / 60_000 + "m";
    }
    return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
  }
}
