package io.augur.chaos.recovery;

import io.augur.domain.Checks;

/**
 * What a step did during a run.
 *
 * @param phase {@code fault} (an expected behaviour while the fault was in effect) or {@code
 *     recovery}
 * @param firstTrueAtMs the first evaluation that was true, or null
 * @param heldFromMs the start of the streak that lasted {@code holdForMs}, or null when none did
 * @param afterMs {@code heldFromMs} counted from the phase's start (injection or revert), or null
 * @param lastDetail what the last evaluation saw
 * @param heldDetail what the evaluation at {@code heldFromMs} saw, or null
 */
public record StepResult(
    String name,
    String phase,
    String check,
    long holdForMs,
    boolean held,
    Long firstTrueAtMs,
    Long heldFromMs,
    Long afterMs,
    int evaluations,
    String lastDetail,
    String heldDetail) {
  public StepResult {
    Checks.nonBlank("name", name);
    Checks.nonBlank("phase", phase);
  }
}
