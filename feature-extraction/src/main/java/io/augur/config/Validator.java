package io.augur.config;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A check on a parsed value beyond its type.
 *
 * @param phrase what a good value is, after the type's noun: {@code ">= 1"} reads "expected an
 *     integer >= 1"
 */
public record Validator<T>(String phrase, Predicate<T> test) {

  public static <T extends Comparable<T>> Validator<T> atLeast(T min) {
    return new Validator<>(">= " + show(min), v -> v.compareTo(min) >= 0);
  }

  public static <T extends Comparable<T>> Validator<T> within(T min, T max) {
    return new Validator<>(
        "within [" + show(min) + ", " + show(max) + "]",
        v -> v.compareTo(min) >= 0 && v.compareTo(max) <= 0);
  }

  /** Strictly between 0 and 1, as a probability threshold must be. */
  public static Validator<Double> openUnitInterval() {
    return new Validator<>("within (0, 1)", v -> v > 0 && v < 1);
  }

  /** Above 0 and at most 1, as a share of pods is. */
  public static Validator<Double> share() {
    return new Validator<>("within (0, 1]", v -> v > 0 && v <= 1);
  }

  public static Validator<Duration> positive() {
    return new Validator<>("> 0", v -> !v.isZero() && !v.isNegative());
  }

  public static Validator<String> nonBlank() {
    return new Validator<>("that is not empty", v -> !v.isBlank());
  }

  public static <C extends Collection<?>> Validator<C> nonEmpty() {
    return new Validator<>("that is not empty", v -> !v.isEmpty());
  }

  public static Validator<String> oneOf(String... allowed) {
    List<String> a = List.of(allowed);
    return new Validator<>("that is one of " + a, a::contains);
  }

  /** Every item of a list matches {@code regex}; {@code example} shows one that does. */
  public static Validator<List<String>> eachMatches(String regex, String example) {
    Pattern p = Pattern.compile(regex);
    return new Validator<>(
        "whose items look like \"" + example + "\"",
        v -> v.stream().allMatch(s -> p.matcher(s).matches()));
  }

  private static String show(Object o) {
    return o instanceof Duration d ? Durations.format(d) : String.valueOf(o);
  }
}
