package io.augur.fleet;

import java.time.Instant;

/**
 * How to simulate a fleet.
 *
 * @param failures how many labelled failures to inject (0: a quiet fleet)
 * @param benignSpikes whether short harmless CPU/latency spikes occur (they do in real fleets)
 */
public record FleetConfig(
    int services,
    long seed,
    long startMs,
    long stepMs,
    long steps,
    int failures,
    boolean benignSpikes)
    implements java.io.Serializable {

  /** 2026-01-05T00:00:00Z, a Monday: a fixed start keeps runs reproducible. */
  public static final long DEFAULT_START_MS = Instant.parse("2026-01-05T00:00:00Z").toEpochMilli();

  public FleetConfig {
    if (services < 1 || services > 10_000) {
      throw new IllegalArgumentException("services must be within [1, 10000], got " + services);
    }
    if (startMs < 0) {
      throw new IllegalArgumentException("startMs must be >= 0, got " + startMs);
    }
    if (stepMs < 1000) {
      throw new IllegalArgumentException("stepMs must be >= 1000, got " + stepMs);
    }
    if (steps < 1) {
      throw new IllegalArgumentException("steps must be >= 1, got " + steps);
    }
    if (failures < 0 || failures > services) {
      throw new IllegalArgumentException(
          "failures must be within [0, services=" + services + "], got " + failures);
    }
  }

  /** The demo's default: 20 services x 10 metrics, 15 s scrapes, 8 simulated hours, 8 failures. */
  public static FleetConfig demo(long seed) {
    return new FleetConfig(20, seed, DEFAULT_START_MS, 15_000, 8 * 240, 8, true);
  }

  public FleetConfig withFailures(int n) {
    return new FleetConfig(services, seed, startMs, stepMs, steps, n, benignSpikes);
  }

  public FleetConfig withSteps(long n) {
    return new FleetConfig(services, seed, startMs, stepMs, n, failures, benignSpikes);
  }

  public FleetConfig withSeed(long s) {
    return new FleetConfig(services, s, startMs, stepMs, steps, failures, benignSpikes);
  }

  public long spanMs() {
    return steps * stepMs;
  }
}
