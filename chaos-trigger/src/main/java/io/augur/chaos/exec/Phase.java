package io.augur.chaos.exec;

/**
 * The life cycle every experiment goes through, in order; REVERT and VERIFY run whatever happened
 * before.
 */
public enum Phase {
  /** All safety gates again, at run time, plus the executor's own check and approvals. */
  PREFLIGHT,
  /** The abort conditions' metrics read before the fault. */
  BASELINE,
  INJECT,
  /** The fault is active; abort conditions are evaluated every interval. */
  WATCH,
  REVERT,
  /** Checked on the system that nothing of the fault is left. */
  VERIFY,
  /** The outcome appended to the outcome log. */
  RECORD
}
