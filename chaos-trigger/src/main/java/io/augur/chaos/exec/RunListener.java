package io.augur.chaos.exec;

/** Told of each phase as it starts or ends, for a live line per phase on the console. */
@FunctionalInterface
public interface RunListener {
  /** {@code detail} is one human-readable line, e.g. "abort: latency-p99 0.84 > 0.5 for 10s". */
  void phase(String experimentId, Phase phase, String detail);

  static RunListener silent() {
    return (id, phase, detail) -> {};
  }
}
