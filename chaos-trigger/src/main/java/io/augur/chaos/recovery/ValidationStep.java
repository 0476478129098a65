package io.augur.chaos.recovery;

import io.augur.domain.Checks;
import java.time.Duration;

/**
 * A named check that must become true and then stay true for {@code holdFor} (zero: once is
 * enough). It counts as held from the first evaluation of the streak that lasted {@code holdFor}.
 */
public record ValidationStep(String name, Check check, Duration holdFor) {
  public ValidationStep {
    Checks.nonBlank("name", name);
    Checks.nonNull("check", check);
    Checks.nonNull("holdFor", holdFor);
    if (holdFor.isNegative()) {
      throw new IllegalArgumentException(
          "holdFor of step " + name + " must be >= 0, got " + holdFor);
    }
  }
}
