package io.augur.chaos.recovery;

/**
 * One evaluation of a check: whether it held, and what was seen (status, value, exit code, error).
 */
public record Observation(boolean held, String detail) {
  public Observation {
    detail = detail == null ? "" : detail;
  }

  public static Observation held(String detail) {
    return new Observation(true, detail);
  }

  public static Observation notHeld(String detail) {
    return new Observation(false, detail);
  }
}
