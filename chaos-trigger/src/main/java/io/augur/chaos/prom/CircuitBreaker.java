package io.augur.chaos.prom;

import io.augur.domain.Checks;
import java.time.Clock;
import java.time.Duration;

/**
 * Per-endpoint circuit breaker: after {@code failureThreshold} consecutive failed calls it opens
 * for {@code openFor}, during which calls fail fast; then one trial call is let through (half-open)
 * and its result closes or re-opens the circuit. Time comes from the injected clock.
 */
public final class CircuitBreaker {
  private final int failureThreshold;
  private final Duration openFor;
  private final Clock clock;
  private int consecutiveFailures;
  private long openUntilMs = Long.MIN_VALUE;

  public CircuitBreaker(int failureThreshold, Duration openFor, Clock clock) {
    if (failureThreshold < 1) {
      throw new IllegalArgumentException("failureThreshold must be >= 1, got " + failureThreshold);
    }
    this.failureThreshold = failureThreshold;
    this.openFor = Checks.nonNull("openFor", openFor);
    this.clock = Checks.nonNull("clock", clock);
  }

  /** A breaker that never opens. */
  public static CircuitBreaker disabled() {
    return new CircuitBreaker(Integer.MAX_VALUE, Duration.ZERO, Clock.systemUTC());
  }

  /** True when a call may go out now. */
  public synchronized boolean allows() {
    return clock.millis() >= openUntilMs;
  }

  public synchronized void onSuccess() {
    consecutiveFailures = 0;
    openUntilMs = Long.MIN_VALUE;
  }

  public synchronized void onFailure() {
    consecutiveFailures++;
    if (consecutiveFailures >= failureThreshold) {
      openUntilMs = clock.millis() + openFor.toMillis();
    }
  }

  public synchronized boolean isOpen() {
    return !allows();
  }
}
