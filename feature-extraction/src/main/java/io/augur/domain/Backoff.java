package io.augur.domain;

import java.io.Serializable;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with "equal jitter": attempt n waits {@code d/2 + random(0, d/2)} where
 * {@code d = min(max, initial * multiplier^(n-1))}. The random source is injected so tests are
 * exact.
 */
public record Backoff(Duration initial, Duration max, double multiplier) implements Serializable {

  public Backoff {
    if (initial == null || initial.isNegative()) {
      throw new IllegalArgumentException("initial must be >= 0, got " + initial);
    }
    if (max == null || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("max must be >= initial " + initial + ", got " + max);
    }
    if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException("multiplier must be >= 1, got " + multiplier);
    }
  }

  public static Backoff of(Duration initial, Duration max) {
    return new Backoff(initial, max, 2.0);
  }

  /** The delay before retry number {@code attempt} (1 = first retry). */
  public Duration delay(int attempt, RandomGenerator random) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be >= 1, got " + attempt);
    }
    double d = initial.toMillis() * Math.pow(multiplier, Math.min(attempt - 1, 62));
    long cap = (long) Math.min(d, max.toMillis());
    long half = cap / 2;
    return Duration.ofMillis(half + (half == 0 ? 0 : random.nextLong(half + 1)));
  }
}
