package io.augur.chaos.requirements;

import io.augur.chaos.catalogue.ExperimentType;
import io.augur.domain.Checks;
import java.time.Duration;
import java.util.List;

/**
 * One component's resilience requirement. Null fields are not checked.
 *
 * @param availabilityTarget percent, e.g. 99.95
 * @param chaosTests catalogue entries that must have been run on the component, the latest passing
 * @param recoverySla the longest recovery any outcome may report
 */
public record ResilienceRequirement(
    String name,
    String component,
    Double availabilityTarget,
    Duration maxResponseTime,
    List<ExperimentType> chaosTests,
    Duration recoverySla,
    DataConsistency dataConsistency) {
  public ResilienceRequirement {
    Checks.nonBlank("component", component);
    name = name == null || name.isBlank() ? component : name;
    if (availabilityTarget != null && !(availabilityTarget > 0 && availabilityTarget <= 100)) {
      throw new IllegalArgumentException(
          "availabilityTarget of "
              + name
              + " must be a percentage within (0, 100], got "
              + availabilityTarget);
    }
    chaosTests =
        List.copyOf(
            Checks.noNullElements("chaosTests", chaosTests == null ? List.of() : chaosTests));
    dataConsistency = dataConsistency == null ? DataConsistency.NONE : dataConsistency;
  }
}
