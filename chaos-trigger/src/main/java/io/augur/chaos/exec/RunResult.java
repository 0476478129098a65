package io.augur.chaos.exec;

import io.augur.domain.Checks;
import io.augur.domain.ExperimentOutcome;
import java.util.List;

/**
 * What running one plan came to.
 *
 * @param verdict PASSED: ran its course, no abort condition fired; ABORTED: an abort condition (or
 *     an unreachable Prometheus, or an interrupt, or the timeout) stopped it and the fault was
 *     reverted; FAILED: the target broke its success criteria; REFUSED: not run (a gate, a missing
 *     approval, the executor cannot run it), nothing was touched; ERROR: the executor failed
 * @param reason one line: why it was aborted, refused or failed; empty when it passed
 * @param outcomes the records appended to the outcome log (empty when refused)
 * @param breachAtMs when the abort condition was first seen breached (its {@code for} satisfied),
 *     or null
 * @param revertedAtMs when the fault was verified gone, or null when nothing was injected
 * @param leftOver true when the fault could not be verified as reverted (it stays in the journal)
 */
public record RunResult(
    String experimentId,
    Verdict verdict,
    String reason,
    List<ExperimentOutcome> outcomes,
    Long breachAtMs,
    Long revertedAtMs,
    boolean leftOver) {
  public enum Verdict {
    PASSED,
    FAILED,
    ABORTED,
    REFUSED,
    ERROR
  }

  public RunResult {
    Checks.nonBlank("experimentId", experimentId);
    Checks.nonNull("verdict", verdict);
    reason = reason == null ? "" : reason;
    outcomes = List.copyOf(outcomes == null ? List.of() : outcomes);
  }

  /** Whether a CI gate ({@code --fail-on-violation}) should fail on this result. */
  public boolean violation() {
    return verdict != Verdict.PASSED;
  }

  /** Breach to verified revert, in ms, or null. */
  public Long breachToRevertMs() {
    return breachAtMs == null || revertedAtMs == null ? null : revertedAtMs - breachAtMs;
  }
}
