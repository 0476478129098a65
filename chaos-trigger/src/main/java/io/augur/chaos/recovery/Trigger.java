package io.augur.chaos.recovery;

import io.augur.chaos.catalogue.ExperimentType;
import io.augur.domain.Checks;
import java.time.Duration;
import java.util.Map;

/**
 * The fault that starts a recovery test: a catalogue type on a target, with parameters that
 * override the catalogue's defaults (as a plan's {@code param.<key>} evidence does).
 *
 * @param target the target's name, as the executor binds it (a local target's name)
 * @param minDuration how long the fault stays in effect at least (zero: only until the steps
 *     watched while it is in effect have held)
 * @param replicas how many instances serve the target (the safety gates want at least 2 for a
 *     destructive fault such as a kill)
 * @param systemSize how many instances the whole system has: the blast radius the gates judge is
 *     one instance of these
 */
public record Trigger(
    ExperimentType fault,
    String target,
    Map<String, String> params,
    Duration minDuration,
    int replicas,
    int systemSize) {
  public Trigger {
    Checks.nonNull("fault", fault);
    Checks.nonBlank("target", target);
    params = Map.copyOf(Checks.noNullEntries("params", params == null ? Map.of() : params));
    Checks.nonNull("minDuration", minDuration);
    if (minDuration.isNegative()) {
      throw new IllegalArgumentException("minDuration must be >= 0, got " + minDuration);
    }
    if (replicas < 1 || systemSize < replicas) {
      throw new IllegalArgumentException(
          "need 1 <= replicas <= systemSize, got replicas="
              + replicas
              + " systemSize="
              + systemSize);
    }
  }
}
