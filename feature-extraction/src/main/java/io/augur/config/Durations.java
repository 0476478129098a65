package io.augur.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them: {@code 500ms}, {@code 30s}, {@code 1m30s}, {@code 2h}, {@code
 * 1d}, or ISO-8601 ({@code PT30S}). A bare number is refused: {@code 30} could mean seconds or
 * millis.
 */
public final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");
  private static final List<String> UNITS = List.of("d", "h", "m", "s", "ms");
  private static final Pattern SHORT = Pattern.compile("(\\d+(ms|s|m|h|d))+");

  private Durations() {}

  /** The duration {@code text} names; an {@link IllegalArgumentException} if it names none. */
  public static Duration parse(String text) {
    String t = text.strip();
    if (t.startsWith("P") || t.startsWith("p") || t.startsWith("-P")) {
      try {
        return Duration.parse(t.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("not an ISO-8601 duration: " + text, e);
      }
    }
    if (!SHORT.matcher(t).matches()) {
      throw new IllegalArgumentException("not a duration: " + text);
    }
    Duration d = Duration.ZERO;
    Matcher m = PART.matcher(t);
    int previous = -1;
    while (m.find()) {
      int unit = UNITS.indexOf(m.group(2));
      if (unit <= previous) {
        throw new IllegalArgumentException("units must come largest first, each once: " + text);
      }
      previous = unit;
      long n = Long.parseLong(m.group(1));
      d =
          d.plus(
              switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
              });
    }
    return d;
  }

  /**
   * The short form: {@code 90 s} is {@code 1m30s}, {@code 0.2 s} is {@code 200ms}; {@link #parse}
   * reads it back.
   */
  public static String format(Duration d) {
    if (d.isNegative() || d.toNanosPart() % 1_000_000 != 0) {
      return d.toString();
    }
    if (d.isZero()) {
      return "0s";
    }
    StringBuilder b = new StringBuilder();
    append(b, d.toHours(), "h");
    append(b, d.toMinutesPart(), "m");
    append(b, d.toSecondsPart(), "s");
    append(b, d.toMillisPart(), "ms");
    return b.toString();
  }

  private static void append(StringBuilder b, long n, String unit) {
    if (n != 0) {
      b.append(n).append(unit);
    }
  }
}
