package io.augur.chaos.recovery;

/**
 * A condition Augur evaluates during a recovery test. Evaluation is bounded by the check's own
 * timeout and never throws for the system under test misbehaving: an unreachable endpoint, a
 * Prometheus that does not answer or a command that hangs is an observation that did not hold.
 */
public sealed interface Check permits PromqlCheck, HttpCheck, CommandCheck {
  /**
   * One line saying what is checked, e.g. {@code GET http://127.0.0.1:8080/ -> 200, body contains
   * "ok"}.
   */
  String describe();

  /** Evaluates the check now. */
  Observation evaluate(CheckContext context) throws InterruptedException;
}
