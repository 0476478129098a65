package io.augur.fleet;

/** The failure modes the demo fleet injects, and the vocabulary predictions and plans use. */
public enum FailureMode {
  MEMORY_LEAK,
  CPU_SATURATION,
  DISK_FILL,
  LATENCY_CREEP,
  ERROR_RATE_BURST,
  CONNECTION_POOL_EXHAUSTION;

  /** Lower-case, hyphenated: {@code memory-leak}. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  public static FailureMode fromId(String id) {
    return valueOf(id.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
  }
}
