package io.augur.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How an option's value is read from text and written back (for docs and examples). A raw value is
 * a {@code String}, or a {@code List<String>} from a YAML list or a repeated flag; a list option
 * also reads a comma-separated string (environment, {@code --set}).
 *
 * @param name the type as the docs show it
 * @param noun what a value is, for validation messages ("an integer")
 * @param expected what a good value looks like, for parse errors ("a duration such as 30s, 1m or
 *     PT1M")
 */
public record OptionType<T>(
    String name,
    String noun,
    String expected,
    Function<String, T> parser,
    Function<T, String> formatter,
    boolean list) {

  public static final OptionType<String> STRING =
      scalar("string", "a string", "a string", s -> s, s -> s);
  public static final OptionType<Integer> INT =
      scalar(
          "int",
          "an integer",
          "an integer such as 4",
          s -> Integer.valueOf(s.strip()),
          String::valueOf);
  public static final OptionType<Long> LONG =
      scalar(
          "long",
          "an integer",
          "an integer such as 10000",
          s -> Long.valueOf(s.strip()),
          String::valueOf);
  public static final OptionType<Double> DOUBLE =
      scalar(
          "double", "a number", "a number such as 0.7", OptionType::finiteDouble, String::valueOf);
  public static final OptionType<Boolean> BOOLEAN =
      scalar("boolean", "a boolean", "true or false", OptionType::strictBoolean, String::valueOf);
  public static final OptionType<Duration> DURATION =
      scalar(
          "duration",
          "a duration",
          "a duration such as 30s, 1m or PT1M",
          Durations::parse,
          Durations::format);
  public static final OptionType<Instant> INSTANT =
      scalar(
          "instant",
          "an instant",
          "an ISO-8601 instant such as 2026-11-26T00:00:00Z",
          s -> Instant.parse(s.strip()),
          Instant::toString);
  public static final OptionType<URI> URI_TYPE =
      scalar(
          "URI",
          "a URI",
          "an absolute URI such as http://prometheus:9090 or s3://bucket/path",
          OptionType::absoluteUri,
          URI::toString);
  public static final OptionType<Secret> SECRET =
      scalar(
          "secret",
          "a secret",
          "a non-empty secret",
          s -> new Secret(nonEmpty(s.strip())),
          s -> "******");
  public static final OptionType<List<String>> STRING_LIST =
      new OptionType<>(
          "list of strings",
          "a list",
          "a list of strings such as [a, b] (a,b in environment and flags)",
          OptionType::splitCommas,
          l -> l.stream().collect(Collectors.joining(", ", "[", "]")),
          true);

  /**
   * One of {@code type}'s constants, written in lower case with dashes; read case-insensitively.
   */
  public static <E extends Enum<E>> OptionType<E> enumOf(Class<E> type) {
    List<String> names = Arrays.stream(type.getEnumConstants()).map(OptionType::enumName).toList();
    return scalar(
        "enum (" + String.join(", ", names) + ")",
        "one of " + names,
        "one of " + String.join(", ", names),
        s -> {
          for (E e : type.getEnumConstants()) {
            if (enumName(e).equalsIgnoreCase(s.strip()) || e.name().equalsIgnoreCase(s.strip())) {
              return e;
            }
          }
          throw new IllegalArgumentException("not one of " + names);
        },
        OptionType::enumName);
  }

  /**
   * Reads {@code raw} (a String, or a list of them); an {@link IllegalArgumentException} whose
   * message is {@link #expected()} when it is no value of this type.
   */
  T read(Object raw) {
    try {
      if (raw instanceof List<?> items) {
        if (!list) {
          throw new IllegalArgumentException("a list");
        }
        List<String> out = new ArrayList<>();
        for (Object o : items) {
          if (!(o instanceof String s)) {
            throw new IllegalArgumentException("not a string: " + o);
          }
          out.add(s.strip());
        }
        return cast(List.copyOf(out));
      }
      if (!(raw instanceof String s)) {
        throw new IllegalArgumentException("not a scalar: " + raw);
      }
      return parser.apply(s);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(expected, e);
    }
  }

  /** The value as a configuration file or flag would write it. */
  public String format(T value) {
    return formatter.apply(value);
  }

  @SuppressWarnings("unchecked")
  private T cast(Object o) {
    return (T) o;
  }

  private static <T> OptionType<T> scalar(
      String name,
      String noun,
      String expected,
      Function<String, T> parser,
      Function<T, String> formatter) {
    return new OptionType<>(name, noun, expected, parser, formatter, false);
  }

  private static String enumName(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static double finiteDouble(String s) {
    double d = Double.parseDouble(s.strip());
    if (!Double.isFinite(d)) {
      throw new IllegalArgumentException("not finite: " + s);
    }
    return d;
  }

  private static boolean strictBoolean(String s) {
    return switch (s.strip().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("not a boolean: " + s);
    };
  }

  private static URI absoluteUri(String s) {
    try {
      URI u = new URI(s.strip());
      if (!u.isAbsolute()) {
        throw new IllegalArgumentException("not absolute: " + s);
      }
      return u;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static String nonEmpty(String s) {
    if (s.isEmpty()) {
      throw new IllegalArgumentException("empty");
    }
    return s;
  }

  /**
   * {@code a, b} or {@code [a, 'b']}: items split at commas outside quotes and brackets, so a
   * selector such as {@code {job="a",instance="b"}} stays one item.
   */
  private static List<String> splitCommas(String text) {
    String s = text.strip();
    if (s.startsWith("[") && s.endsWith("]")) {
      s = s.substring(1, s.length() - 1);
    }
    if (s.isBlank()) {
      return List.of();
    }
    List<String> items = new ArrayList<>();
    int depth = 0;
    char quote = 0;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        quote = c == quote ? 0 : quote;
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        depth--;
      } else if (c == ',' && depth == 0) {
        items.add(item(s.substring(start, i)));
        start = i + 1;
      }
    }
    items.add(item(s.substring(start)));
    return List.copyOf(items);
  }

  private static String item(String raw) {
    String s = raw.strip();
    boolean quoted =
        s.length() >= 2
            && (s.charAt(0) == '\'' || s.charAt(0) == '"')
            && s.endsWith(s.substring(0, 1));
    return quoted ? s.substring(1, s.length() - 1) : s;
  }
}
