package io.augur.chaos.approval;

import io.augur.chaos.experiment.PlannedExperiment;
import io.augur.domain.Checks;
import java.time.Instant;
import java.util.List;

/** A plan waiting in the queue for a person: since when, and why the gates asked for one. */
public record PendingPlan(PlannedExperiment planned, Instant submittedAt, List<String> reasons) {
  public PendingPlan {
    Checks.nonNull("planned", planned);
    Checks.nonNull("submittedAt", submittedAt);
    reasons = List.copyOf(Checks.noNullElements("reasons", reasons));
  }

  public String planId() {
    return planned.plan().id();
  }
}
