package io.augur.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One configuration key: its type, its default (or that it is required, or has none), what it
 * means, how it is checked, and the other names it answers to. Immutable; each {@code with...}
 * returns a copy. Build one with {@link ConfigOptions#key(String)}.
 *
 * <p>A {@linkplain OptionType#SECRET secret} is never printed and never read from a file's or a
 * flag's inline value: it comes from the file named by {@link #fileKey()} (e.g. {@code
 * prometheus.bearerTokenFile}, read and trimmed) or from the environment ({@link #envName()}).
 */
public final class ConfigOption<T> {
  private static final Pattern KEY = Pattern.compile("[a-z][a-zA-Z0-9]*(\\.[a-z][a-zA-Z0-9]*)+");

  /** Whether an unset option has a default, must be set, or is simply absent. */
  enum Presence {
    DEFAULT,
    REQUIRED,
    NONE
  }

  private final String key;
  private final OptionType<T> type;
  private final Presence presence;
  private final T defaultValue;
  private final String description;
  private final List<Validator<T>> validators;
  private final List<String> deprecatedKeys;
  private final List<String> fallbackKeys;
  private final String flag;

  ConfigOption(
      String key,
      OptionType<T> type,
      Presence presence,
      T defaultValue,
      String description,
      List<Validator<T>> validators,
      List<String> deprecatedKeys,
      List<String> fallbackKeys,
      String flag) {
    if (key == null || !KEY.matcher(key).matches()) {
      throw new IllegalArgumentException(
          "key must be dotted camelCase words like prometheus.step, got " + key);
    }
    this.key = key;
    this.type = Objects.requireNonNull(type, "type");
    this.presence = presence;
    this.defaultValue = defaultValue;
    if ((presence == Presence.DEFAULT) != (defaultValue != null)) {
      throw new IllegalArgumentException(
          key + ": a default value needs Presence.DEFAULT and vice versa");
    }
    if (secret() && presence == Presence.DEFAULT) {
      throw new IllegalArgumentException(key + ": a secret has no default");
    }
    this.description = Objects.requireNonNull(description, "description");
    this.validators = List.copyOf(validators);
    for (Validator<T> v : this.validators) {
      if (defaultValue != null && !v.test().test(defaultValue)) {
        throw new IllegalArgumentException(
            key + ": default " + type.format(defaultValue) + " is not " + v.phrase());
      }
    }
    this.deprecatedKeys = List.copyOf(deprecatedKeys);
    this.fallbackKeys = List.copyOf(fallbackKeys);
    if (flag != null && !flag.matches("--[a-z][a-z0-9-]*")) {
      throw new IllegalArgumentException(key + ": a flag looks like --prometheus-url, got " + flag);
    }
    this.flag = flag;
  }

  public String key() {
    return key;
  }

  public OptionType<T> type() {
    return type;
  }

  public boolean hasDefault() {
    return presence == Presence.DEFAULT;
  }

  public boolean required() {
    return presence == Presence.REQUIRED;
  }

  /** The default; null when the option has none. */
  public T defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }

  public List<Validator<T>> validators() {
    return validators;
  }

  public List<String> deprecatedKeys() {
    return deprecatedKeys;
  }

  /** Keys of other options whose value this one takes when it is not set itself. */
  public List<String> fallbackKeys() {
    return fallbackKeys;
  }

  /** The command-line flag that sets this key, e.g. {@code --prometheus-url}, or null. */
  public String flag() {
    return flag;
  }

  public boolean secret() {
    return type == OptionType.SECRET;
  }

  /** For a secret: the key naming a file that holds it, e.g. {@code prometheus.bearerTokenFile}. */
  public String fileKey() {
    return key + "File";
  }

  /**
   * The environment variable of this key: {@code prometheus.basicAuthUser} is {@code
   * AUGUR_PROMETHEUS_BASIC_AUTH_USER}.
   */
  public String envName() {
    return envName(key);
  }

  static String envName(String key) {
    return "AUGUR_"
        + key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('.', '_').toUpperCase(Locale.ROOT);
  }

  public ConfigOption<T> withDescription(String text) {
    return new ConfigOption<>(
        key, type, presence, defaultValue, text, validators, deprecatedKeys, fallbackKeys, flag);
  }

  public ConfigOption<T> withValidator(Validator<T> v) {
    List<Validator<T>> vs = new ArrayList<>(validators);
    vs.add(v);
    return new ConfigOption<>(
        key, type, presence, defaultValue, description, vs, deprecatedKeys, fallbackKeys, flag);
  }

  /** Old names still read, with a warning. */
  public ConfigOption<T> withDeprecatedKeys(String... keys) {
    return new ConfigOption<>(
        key,
        type,
        presence,
        defaultValue,
        description,
        validators,
        List.of(keys),
        fallbackKeys,
        flag);
  }

  /** Options whose value this one takes when it is not set itself (before its default). */
  public ConfigOption<T> withFallbackKeys(String... keys) {
    return new ConfigOption<>(
        key,
        type,
        presence,
        defaultValue,
        description,
        validators,
        deprecatedKeys,
        List.of(keys),
        flag);
  }

  public ConfigOption<T> withFlag(String name) {
    return new ConfigOption<>(
        key,
        type,
        presence,
        defaultValue,
        description,
        validators,
        deprecatedKeys,
        fallbackKeys,
        name);
  }

  @Override
  public String toString() {
    return key + " (" + type.name() + ")";
  }
}
