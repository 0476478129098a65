package io.augur.fleet;

import io.augur.domain.Checks;

/**
 * One labelled failure in a simulated fleet. The failure builds from {@code onsetMs}, the service
 * fails at {@code failureMs} (it is down, no samples, until {@code recoveredMs}) and restarts with
 * its counters reset. The labelled window a predictor should alert in is [onsetMs, failureMs].
 */
public record InjectedFailure(
    String component, FailureMode mode, long onsetMs, long failureMs, long recoveredMs) {
  public InjectedFailure {
    Checks.nonBlank("component", component);
    Checks.nonNull("mode", mode);
    Checks.nonNegative("onsetMs", onsetMs);
    if (failureMs <= onsetMs || recoveredMs < failureMs) {
      throw new IllegalArgumentException(
          "need onsetMs < failureMs <= recoveredMs, got "
              + onsetMs
              + ", "
              + failureMs
              + ", "
              + recoveredMs);
    }
  }

  /** True while the failure is building up: the window an early warning belongs to. */
  public boolean inWarningWindow(long t) {
    return t >= onsetMs && t <= failureMs;
  }

  /** True from onset until the service is back: alerts here are not false alarms. */
  public boolean inIncident(long t) {
    return t >= onsetMs && t <= recoveredMs;
  }

  /** 0 before onset, rising linearly to 1 at the failure. */
  public double progress(long t) {
    if (t <= onsetMs) {
      return 0.0;
    }
    return Math.min(1.0, (double) (t - onsetMs) / (failureMs - onsetMs));
  }
}
