package io.augur.job.chaos;

import java.util.List;
import java.util.Map;

/**
 * What one planning round did, for whoever reports on the loop (the demo prints one line per
 * round): the targets emitted, and for the planned experiments held back, the count per gate status
 * ({@code DEFERRED}, {@code REJECTED}) and per reason.
 *
 * @param timestampMs the round's event time
 * @param components how many components the round ranked
 * @param outcomes how many experiment outcomes the planner's history held for the round (read back
 *     from the outcome log)
 * @param running how many emitted plans still counted as running (no outcome yet) at the round
 */
public record RoundSummary(
    long timestampMs,
    int components,
    List<String> targets,
    Map<String, Integer> heldByStatus,
    Map<String, Integer> heldByReason,
    int outcomes,
    int running) {
  public RoundSummary {
    targets = List.copyOf(targets);
    heldByStatus = Map.copyOf(heldByStatus);
    heldByReason = Map.copyOf(heldByReason);
  }

  /** A round without the history's counts. */
  public RoundSummary(
      long timestampMs,
      int components,
      List<String> targets,
      Map<String, Integer> heldByStatus,
      Map<String, Integer> heldByReason) {
    this(timestampMs, components, targets, heldByStatus, heldByReason, 0, 0);
  }
}
