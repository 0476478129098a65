package io.augur.chaos.recovery;

import io.augur.domain.Checks;
import java.util.List;

/**
 * The result of one recovery test run.
 *
 * @param planId the plan the trigger became (the fault's experiment id)
 * @param status PASSED (every step held, recovery within the expectation), VIOLATED (a step never
 *     held or recovery took longer), REFUSED (a safety gate or the executor declined; nothing was
 *     touched), ERROR (the fault could not be injected or removed), ABORTED (interrupted; the fault
 *     was reverted)
 * @param measuredRecoveryMs the latest {@link StepResult#afterMs()} of the validation steps, or
 *     null when one never held
 * @param reverted whether the fault was verified gone at the end (true when none was injected)
 */
public record RecoveryResult(
    String test,
    String planId,
    String service,
    String fault,
    String target,
    Status status,
    long expectedRecoveryMs,
    Long measuredRecoveryMs,
    String recoveryFrom,
    Long injectedAtMs,
    Long revertedAtMs,
    long endedAtMs,
    boolean reverted,
    List<StepResult> expectedBehaviours,
    List<StepResult> validation,
    List<String> violations,
    List<String> notes) {
  public enum Status {
    PASSED,
    VIOLATED,
    REFUSED,
    ERROR,
    ABORTED
  }

  public RecoveryResult {
    Checks.nonBlank("test", test);
    Checks.nonNull("status", status);
    expectedBehaviours = List.copyOf(expectedBehaviours);
    validation = List.copyOf(validation);
    violations = List.copyOf(violations);
    notes = List.copyOf(notes);
  }

  /** A violation for {@code --fail-on-violation}: anything but PASSED. */
  public boolean violated() {
    return status != Status.PASSED;
  }
}
