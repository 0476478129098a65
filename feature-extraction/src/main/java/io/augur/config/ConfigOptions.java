package io.augur.config;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Where options start, in the style of Flink's: {@code
 * ConfigOptions.key("prometheus.step").durationType().defaultValue(Duration.ofMinutes(1)).withDescription(...)}.
 */
public final class ConfigOptions {
  private ConfigOptions() {}

  public static Key key(String key) {
    return new Key(key);
  }

  /** A key waiting for its type. */
  public record Key(String key) {
    public Typed<String> stringType() {
      return new Typed<>(key, OptionType.STRING);
    }

    public Typed<Integer> intType() {
      return new Typed<>(key, OptionType.INT);
    }

    public Typed<Long> longType() {
      return new Typed<>(key, OptionType.LONG);
    }

    public Typed<Double> doubleType() {
      return new Typed<>(key, OptionType.DOUBLE);
    }

    public Typed<Boolean> booleanType() {
      return new Typed<>(key, OptionType.BOOLEAN);
    }

    public Typed<Duration> durationType() {
      return new Typed<>(key, OptionType.DURATION);
    }

    public Typed<Instant> instantType() {
      return new Typed<>(key, OptionType.INSTANT);
    }

    public Typed<URI> uriType() {
      return new Typed<>(key, OptionType.URI_TYPE);
    }

    public Typed<List<String>> stringListType() {
      return new Typed<>(key, OptionType.STRING_LIST);
    }

    public <E extends Enum<E>> Typed<E> enumType(Class<E> type) {
      return new Typed<>(key, OptionType.enumOf(type));
    }

    /** A secret has no default: {@link Typed#noDefaultValue()} or {@link Typed#requiredValue()}. */
    public Typed<Secret> secretType() {
      return new Typed<>(key, OptionType.SECRET);
    }
  }

  /** A typed key waiting for its default. */
  public record Typed<T>(String key, OptionType<T> type) {
    public ConfigOption<T> defaultValue(T value) {
      if (value == null) {
        throw new IllegalArgumentException(
            key + ": a default must not be null; use noDefaultValue()");
      }
      return new ConfigOption<>(
          key,
          type,
          ConfigOption.Presence.DEFAULT,
          value,
          "",
          List.of(),
          List.of(),
          List.of(),
          null);
    }

    public ConfigOption<T> noDefaultValue() {
      return new ConfigOption<>(
          key, type, ConfigOption.Presence.NONE, null, "", List.of(), List.of(), List.of(), null);
    }

    public ConfigOption<T> requiredValue() {
      return new ConfigOption<>(
          key,
          type,
          ConfigOption.Presence.REQUIRED,
          null,
          "",
          List.of(),
          List.of(),
          List.of(),
          null);
    }
  }
}
