package io.augur.features;

/** What became of one offered sample. */
public enum OfferResult {
  /** Stored in its step slot. */
  ACCEPTED(true),
  /** Stored, though older than the series' latest sample (within allowed lateness). */
  OUT_OF_ORDER(true),
  /** Same series and timestamp as a stored sample: dropped and counted. */
  DUPLICATE(false),
  /** An older sample of a step that already holds a later one: dropped and counted. */
  SUPERSEDED(false),
  /** Its step was already emitted (beyond allowed lateness): dropped, reported with the reason. */
  LATE(false),
  /**
   * Too far ahead of the watermark: the series' ring still holds data a pending window needs.
   * Dropped, reported with the reason (a watermark lagging more than about {@code allowedLateness +
   * 6 steps} behind the data).
   */
  TOO_EARLY(false),
  /** A new series past the component's series cap (label explosion): dropped, counted, reported. */
  OVER_CAP(false),
  /** A metric the schema does not cover: ignored and counted. */
  UNKNOWN_METRIC(false);

  private final boolean accepted;

  OfferResult(boolean accepted) {
    this.accepted = accepted;
  }

  /** True when the sample's value was stored. */
  public boolean accepted() {
    return accepted;
  }
}
