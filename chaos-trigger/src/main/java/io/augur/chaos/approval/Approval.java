package io.augur.chaos.approval;

import io.augur.chaos.experiment.PlannedExperiment;
import io.augur.domain.Checks;
import java.time.Instant;
import java.util.List;

/**
 * A person's approval of a plan, in force from {@code approvedAt} until (not including) {@code
 * expiresAt}. {@code reasons} are why the plan needed it.
 */
public record Approval(
    PlannedExperiment planned,
    String approver,
    Instant approvedAt,
    Instant expiresAt,
    List<String> reasons) {
  public Approval {
    Checks.nonNull("planned", planned);
    Checks.nonBlank("approver", approver);
    Checks.nonNull("approvedAt", approvedAt);
    Checks.nonNull("expiresAt", expiresAt);
    if (!expiresAt.isAfter(approvedAt)) {
      throw new IllegalArgumentException(
          "expiresAt "
              + expiresAt
              + " must be after approvedAt "
              + approvedAt
              + " (plan "
              + planned.plan().id()
              + ")");
    }
    reasons = List.copyOf(Checks.noNullElements("reasons", reasons));
  }

  public String planId() {
    return planned.plan().id();
  }

  public boolean expiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }
}
