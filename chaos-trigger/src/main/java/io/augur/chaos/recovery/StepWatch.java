package io.augur.chaos.recovery;

import io.augur.domain.Checks;

/**
 * Follows one step through its evaluations: when it was first true, the current streak of true
 * evaluations, and when a streak lasted the step's {@code holdFor} (the step then counts as held
 * from the streak's start and is evaluated no more).
 */
public final class StepWatch {
  private final ValidationStep step;
  private final String phase;
  private final long startMs;
  private int evaluations;
  private Long firstTrueMs;
  private Long streakStartMs;
  private Long heldFromMs;
  private Observation last;
  private Observation firstHeld;

  public StepWatch(ValidationStep step, String phase, long startMs) {
    this.step = Checks.nonNull("step", step);
    this.phase = Checks.nonBlank("phase", phase);
    this.startMs = startMs;
  }

  public ValidationStep step() {
    return step;
  }

  public boolean done() {
    return heldFromMs != null;
  }

  /** Records an evaluation made at {@code atMs}. */
  public void observe(long atMs, Observation o) {
    Checks.nonNull("observation", o);
    if (done()) {
      return;
    }
    evaluations++;
    last = o;
    if (!o.held()) {
      streakStartMs = null;
      return;
    }
    if (firstTrueMs == null) {
      firstTrueMs = atMs;
    }
    if (streakStartMs == null) {
      streakStartMs = atMs;
      firstHeld = o;
    }
    if (atMs - streakStartMs >= step.holdFor().toMillis()) {
      heldFromMs = streakStartMs;
    }
  }

  public StepResult result() {
    return new StepResult(
        step.name(),
        phase,
        step.check().describe(),
        step.holdFor().toMillis(),
        done(),
        firstTrueMs,
        heldFromMs,
        heldFromMs == null ? null : heldFromMs - startMs,
        evaluations,
        last == null ? "never evaluated" : last.detail(),
        firstHeld == null ? null : firstHeld.detail());
  }
}
