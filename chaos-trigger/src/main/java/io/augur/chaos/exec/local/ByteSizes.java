package io.augur.chaos.exec.local;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes written like the catalogue's ({@code 256MB}, {@code 64M}, {@code 1GiB}, {@code 4096});
 * every unit is binary (K = 1024), as stress-ng and Chaos Mesh read them.
 */
final class ByteSizes {
  private static final Pattern SIZE = Pattern.compile("([0-9]+)\\s*([kmgt]?)(i?b)?");

  private ByteSizes() {}

  static long parse(String field, String text) {
    Matcher m = SIZE.matcher(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          field + " must be a size like 64MB, 512K or 1GiB, got \"" + text + "\"");
    }
    int shift =
        switch (m.group(2)) {
          case "k" -> 10;
          case "m" -> 20;
          case "g" -> 30;
          case "t" -> 40;
          default -> 0;
        };
    long n;
    try {
      n = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(field + " is too large: \"" + text + "\"", e);
    }
    if (n <= 0 || n > (Long.MAX_VALUE >> shift)) {
      throw new IllegalArgumentException(
          field + " must be > 0 and fit in 63 bits, got \"" + text + "\"");
    }
    return n << shift;
  }

  /** 1536 -> "1.5 KiB". */
  static String human(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = bytes;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
