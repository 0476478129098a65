package io.augur.models.inject;

/** The shapes of injected fault, each applied from its onset to the end of the series. */
public enum FaultKind {
  /**
   * Intermittent spikes of 5-8 normal standard deviations (every onset step, then about one step in
   * three).
   */
  SPIKE,
  /** A step of 4-6 standard deviations. */
  LEVEL_SHIFT,
  /** A ramp of 0.3-0.6 standard deviations per step. */
  TREND,
  /** Deviations from the pre-onset mean amplified 4-6 times. */
  VARIANCE_CHANGE,
  /** The value frozen at its onset value (a stuck exporter). */
  FLAT_LINE,
  /** The value drops to zero (a lost series filled with zeros). */
  DROPOUT
}
