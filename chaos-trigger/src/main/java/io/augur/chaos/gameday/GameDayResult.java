package io.augur.chaos.gameday;

import io.augur.chaos.recovery.StepResult;
import io.augur.domain.Checks;
import java.util.List;
import java.util.Map;

/**
 * What a game day did, in wall-clock milliseconds.
 *
 * @param abortReason why the scenario stopped early (an abort condition, a refused injection, a
 *     signal), or null when every phase ran to its end
 * @param violations what did not go as the scenario expects (validations that did not hold, failed
 *     actions, faults not verified gone); empty when it passed
 */
public record GameDayResult(
    String scenario,
    Status status,
    long startedAtMs,
    long endedAtMs,
    List<PhaseRecord> phases,
    List<ActionRecord> actions,
    List<FaultRecord> faults,
    List<SnapshotRecord> snapshots,
    String keyMetric,
    List<Sample> keyMetricSamples,
    String abortReason,
    List<String> violations,
    List<String> notes) {

  /**
   * PASSED: every phase ran and every validation held; VIOLATED: something did not; ABORTED:
   * stopped early.
   */
  public enum Status {
    PASSED,
    VIOLATED,
    ABORTED
  }

  public GameDayResult {
    Checks.nonBlank("scenario", scenario);
    Checks.nonNull("status", status);
    phases = List.copyOf(phases);
    actions = List.copyOf(actions);
    faults = List.copyOf(faults);
    snapshots = List.copyOf(snapshots);
    keyMetricSamples = List.copyOf(keyMetricSamples);
    violations = List.copyOf(violations);
    notes = List.copyOf(notes);
  }

  public boolean violated() {
    return status != Status.PASSED;
  }

  /**
   * A phase as it ran.
   *
   * @param completed whether it lasted its whole duration (false when the scenario was stopped in
   *     it)
   */
  public record PhaseRecord(
      String name,
      long plannedMs,
      long startedAtMs,
      long endedAtMs,
      boolean completed,
      List<StepResult> validations) {
    public PhaseRecord {
      validations = List.copyOf(validations);
    }
  }

  /** An action as it ran: whether it did what it should, and what it saw. */
  public record ActionRecord(
      String phase,
      String name,
      String kind,
      String description,
      long atMs,
      boolean ok,
      String detail) {}

  /**
   * A fault an inject action put in effect.
   *
   * @param revertedAtMs when the revert finished, or null if it was never attempted
   * @param reverted whether the fault was verified gone
   */
  public record FaultRecord(
      String action,
      String phase,
      String planId,
      String faultId,
      String fault,
      String target,
      long injectedAtMs,
      Long revertedAtMs,
      boolean reverted) {}

  /** A snapshot's values (null: no sample). */
  public record SnapshotRecord(String name, String phase, long atMs, Map<String, Double> values) {}

  /** The key metric at a time (NaN: no sample). */
  public record Sample(long atMs, double value) {}
}
