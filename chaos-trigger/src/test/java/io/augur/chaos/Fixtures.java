package io.augur.chaos;

import io.augur.domain.ExperimentOutcome;
import io.augur.domain.FailurePrediction;
import io.augur.domain.Severity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** Shared test data: predictions, outcomes and a clock tests move by hand. */
public final class Fixtures {
  public static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z"); // a Monday, 10:00 UTC

  private Fixtures() {}

  public static FailurePrediction prediction(
      String component, double p, Map<String, Double> parts, long ts) {
    return new FailurePrediction(
        component,
        Map.of("replicas", "4"),
        ts,
        p,
        Severity.of(p),
        null,
        List.of(),
        "memory-leak",
        List.of(),
        List.of(),
        parts,
        "test-1");
  }

  public static FailurePrediction prediction(String component, double p) {
    return prediction(component, p, Map.of(), T0.toEpochMilli());
  }

  public static ExperimentOutcome outcome(
      String target, ExperimentOutcome.Status status, long startMs, long endMs) {
    return new ExperimentOutcome(
        "plan-" + target.replace('/', '-') + "-" + startMs,
        target,
        "pod-kill",
        "memory-leak",
        status,
        startMs,
        endMs,
        20_000L,
        true,
        Map.of(),
        "");
  }

  /** A clock tests advance explicitly. */
  public static final class MutableClock extends Clock {
    private Instant now;

    public MutableClock(Instant now) {
      this.now = now;
    }

    public void advance(Duration d) {
      now = now.plus(d);
    }

    public void set(Instant t) {
      now = t;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
