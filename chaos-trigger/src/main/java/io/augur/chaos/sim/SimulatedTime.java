package io.augur.chaos.sim;

import io.augur.domain.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that only moves when something sleeps on it: the experiment engine's waits cost no wall
 * time, so thousands of simulated experiments run in seconds. Thread-safe.
 */
public final class SimulatedTime extends Clock implements Sleeper {
  private volatile long nowMs;

  public SimulatedTime(Instant start) {
    this.nowMs = start.toEpochMilli();
  }

  @Override
  public synchronized void sleep(Duration d) throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted before sleeping");
    }
    nowMs += Math.max(0, d.toMillis());
  }

  public synchronized void advance(Duration d) {
    nowMs += Math.max(0, d.toMillis());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return Clock.fixed(instant(), zone);
  }

  @Override
  public long millis() {
    return nowMs;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(nowMs);
  }
}
