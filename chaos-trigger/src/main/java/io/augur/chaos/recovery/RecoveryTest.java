package io.augur.chaos.recovery;

import io.augur.domain.Checks;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A declarative recovery test.
 *
 * <p>Timeline: the fault is injected; while it is in effect every {@code expectedBehaviours} step
 * must hold at some point (proof the fault bit, e.g. the writer reports errors). With {@link
 * From#INJECTION} the {@code validation} steps are watched from the injection too (a standby takes
 * over while the primary is down); with {@link From#REVERT} from the revert (the writer recovers
 * after cleanup). The fault is reverted once the steps watched while it is in effect have all held
 * and {@code trigger.minDuration} has passed, or when {@code observeFor} is over. Each phase is
 * watched for at most {@code observeFor}. The measured recovery time is the latest time a
 * validation step first held, from the phase's start; the test passes when every step held and that
 * time is within {@code expectedRecovery}.
 *
 * @param service the service the result is reported for (metrics and outcome), default the target
 * @param namespace the namespace the plan is judged in by the safety gates (default {@code local})
 */
public record RecoveryTest(
    String name,
    String description,
    String service,
    String namespace,
    Trigger trigger,
    Duration expectedRecovery,
    From recoveryFrom,
    Duration observeFor,
    Duration interval,
    List<ValidationStep> expectedBehaviours,
    List<ValidationStep> validation) {

  /** Where the recovery clock starts. */
  public enum From {
    INJECTION,
    REVERT
  }

  public RecoveryTest {
    Checks.nonBlank("name", name);
    if (!name.matches("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")) {
      throw new IllegalArgumentException(
          "name must be a lower-case DNS label (a-z, 0-9, '-'), got \"" + name + "\"");
    }
    description = description == null ? "" : description;
    Checks.nonNull("trigger", trigger);
    service = service == null || service.isBlank() ? trigger.target() : service;
    namespace = namespace == null || namespace.isBlank() ? "local" : namespace;
    positive("expectedRecovery", expectedRecovery);
    Checks.nonNull("recoveryFrom", recoveryFrom);
    positive("observeFor", observeFor);
    positive("interval", interval);
    if (observeFor.compareTo(expectedRecovery) < 0) {
      throw new IllegalArgumentException(
          "observeFor "
              + observeFor
              + " must be at least expectedRecovery "
              + expectedRecovery
              + ", or a slow recovery could not be measured");
    }
    if (trigger.minDuration().compareTo(observeFor) > 0) {
      throw new IllegalArgumentException(
          "trigger.duration "
              + trigger.minDuration()
              + " must not exceed observeFor "
              + observeFor);
    }
    expectedBehaviours =
        List.copyOf(Checks.noNullElements("expectedBehaviours", expectedBehaviours));
    validation = List.copyOf(Checks.noNullElements("validation", validation));
    if (validation.isEmpty()) {
      throw new IllegalArgumentException(
          "validation must have at least one step: recovery needs a check");
    }
    Set<String> names = new HashSet<>();
    for (ValidationStep s : expectedBehaviours) {
      unique(names, s.name());
    }
    for (ValidationStep s : validation) {
      unique(names, s.name());
    }
  }

  private static void positive(String field, Duration d) {
    Checks.nonNull(field, d);
    if (d.toMillis() <= 0) {
      throw new IllegalArgumentException(field + " must be at least 1ms, got " + d);
    }
  }

  private static void unique(Set<String> names, String n) {
    if (!names.add(n)) {
      throw new IllegalArgumentException("step name " + n + " is used twice");
    }
  }
}
