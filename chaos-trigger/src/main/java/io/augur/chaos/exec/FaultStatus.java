package io.augur.chaos.exec;

import io.augur.domain.Checks;

/** An executor's view of one fault: its state and a human-readable detail. */
public record FaultStatus(State state, String detail) {
  public enum State {
    /** Created but not yet in effect (e.g. a Chaos Mesh resource not yet picked up). */
    PENDING,
    /** In effect on the target. */
    ACTIVE,
    /** Ended by itself or by a revert; nothing of it remains. */
    ENDED,
    /** The fault broke (the executor could not keep it in effect). */
    FAILED,
    /** Its state could not be read (e.g. the API server is unreachable). */
    UNKNOWN
  }

  public FaultStatus {
    Checks.nonNull("state", state);
    detail = detail == null ? "" : detail;
  }

  public static FaultStatus active(String detail) {
    return new FaultStatus(State.ACTIVE, detail);
  }
}
