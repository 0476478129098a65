package io.augur.chaos.approval;

import io.augur.chaos.plan.PlannedExperiment;
import io.augur.domain.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One line of {@link ApprovalQueue#pending}: a plan waiting for a person since {@code since}, or an
 * approval that expired ({@code expired} non-null; {@code since} is then when it was approved).
 */
public record Waiting(PlannedExperiment planned, Instant since, Duration age, List<String> reasons, Approval expired) {
  public Waiting {
    Checks.nonNull("planned", planned);
    Checks.nonNull("since", since);
    Checks.nonNull("age", age);
    reasons = List.copyOf(Checks.noNullElements("reasons", reasons));
  }

  public String planId() {
    return planned.plan().id();
  }

  public boolean isExpired() {
    return expired != null;
  }
}
