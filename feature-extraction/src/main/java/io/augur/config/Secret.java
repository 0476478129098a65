package io.augur.config;

import java.util.Objects;

/**
 * A value that must never be printed (a token, a password): {@link #toString()} shows {@code
 * ******}, and only {@link #reveal()} gives the value, to the code that sends it.
 */
public final class Secret {
  private final String value;

  public Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "******";
  }
}
