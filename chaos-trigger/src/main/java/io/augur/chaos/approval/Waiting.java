package io.augur.chaos.approval;

import io.augur.chaos.experiment.PlannedExperiment;
import io.augur.domain.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One line of {@link ApprovalQueue#pending}: a plan waiting for a person since {@code since}, or an
 * approval no longer in force ({@code approval} non-null; {@code since} is then when it was given).
 */
public record Waiting(
    PlannedExperiment planned,
    Instant since,
    Duration age,
    List<String> reasons,
    State state,
    Approval approval) {
  /** Why the line is there. */
  public enum State {
    /** Waits for a person. */
    PENDING,
    /** Was approved; the approval expired. */
    EXPIRED,
    /** Was approved by someone no longer on the approvers list. */
    APPROVER_REMOVED
  }

  public Waiting {
    Checks.nonNull("planned", planned);
    Checks.nonNull("since", since);
    Checks.nonNull("age", age);
    reasons = List.copyOf(Checks.noNullElements("reasons", reasons));
    Checks.nonNull("state", state);
    if ((state == State.PENDING) != (approval == null)) {
      throw new IllegalArgumentException(
          "an approval comes with EXPIRED or APPROVER_REMOVED and only then, got " + state);
    }
  }

  public String planId() {
    return planned.plan().id();
  }

  public boolean isExpired() {
    return state == State.EXPIRED;
  }
}
