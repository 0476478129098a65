package io.augur.training.sources;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Time arguments: {@code now}, {@code now-2h}, ISO-8601 instants, epoch seconds; durations like
 * {@code 15s}, {@code 1h30m}.
 */
public final class TimeArgs {
  private static final Pattern RELATIVE = Pattern.compile("now(?:-(.+))?");
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private TimeArgs() {}

  /** Epoch ms of {@code text}, read relative to {@code now} when it starts with {@code now}. */
  public static long instant(String option, String text, Instant now) {
    String s = text == null ? "" : text.trim();
    Matcher m = RELATIVE.matcher(s);
    if (m.matches()) {
      return now.toEpochMilli()
          - (m.group(1) == null ? 0 : duration(option, m.group(1)).toMillis());
    }
    if (s.matches("\\d+(\\.\\d+)?")) {
      return Math.round(Double.parseDouble(s) * 1000);
    }
    try {
      return Instant.parse(s).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          option
              + " must be now, now-<duration>, an ISO-8601 instant "
              + "(2026-11-26T10:00:00Z) or epoch seconds, got \""
              + text
              + "\"");
    }
  }

  /** {@code 15s}, {@code 1m}, {@code 2h}, {@code 1h30m}, {@code 500ms}, {@code 1d}. */
  public static Duration duration(String option, String text) {
    String s = text == null ? "" : text.trim();
    Matcher m = PART.matcher(s);
    long ms = 0;
    int end = 0;
    while (m.find() && m.start() == end) {
      long v = Long.parseLong(m.group(1));
      ms +=
          v
              * switch (m.group(2)) {
                case "ms" -> 1L;
                case "s" -> 1000L;
                case "m" -> 60_000L;
                case "h" -> 3_600_000L;
                default -> 86_400_000L;
              };
      end = m.end();
    }
    if (s.isEmpty() || end != s.length()) {
      throw new IllegalArgumentException(
          option + " must be a duration like 15s, 5m or 1h30m, got \"" + text + "\"");
    }
    return Duration.ofMillis(ms);
  }
}
