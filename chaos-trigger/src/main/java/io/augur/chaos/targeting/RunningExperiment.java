package io.augur.chaos.targeting;

import io.augur.domain.Checks;
import java.util.List;

/**
 * An experiment that was planned and handed on but whose outcome has not arrived yet. It counts as
 * running on its targets and on its service from {@code startedAtMs} until its outcome arrives or
 * until {@code untilMs} (its duration plus a grace period: an experiment never heard of again stops
 * blocking its service then).
 *
 * @param service the service whose pods the experiment selects (the plan's {@code app} selector)
 */
public record RunningExperiment(
    String planId, List<String> targets, String service, long startedAtMs, long untilMs) {
  public RunningExperiment {
    Checks.nonBlank("planId", planId);
    targets = List.copyOf(Checks.noNullElements("targets", targets));
    if (targets.isEmpty()) {
      throw new IllegalArgumentException(
          "targets of running experiment " + planId + " must not be empty");
    }
    Checks.nonBlank("service", service);
    Checks.nonNegative("startedAtMs", startedAtMs);
    if (untilMs < startedAtMs) {
      throw new IllegalArgumentException(
          "untilMs "
              + untilMs
              + " is before startedAtMs "
              + startedAtMs
              + " (plan "
              + planId
              + ")");
    }
  }

  public boolean runningAt(long nowMs) {
    return startedAtMs <= nowMs && nowMs < untilMs;
  }
}
