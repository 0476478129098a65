package io.augur.domain;

/**
 * A record that could not be processed: what came in, at which stage it failed, and why. Nothing is
 * dropped silently; dead letters go to their own output.
 */
public record DeadLetter(
    String stage, String rawInput, String errorClass, String message, long timestampMs) {
  public DeadLetter {
    Checks.nonBlank("stage", stage);
    rawInput = rawInput == null ? "" : rawInput;
    Checks.nonBlank("errorClass", errorClass);
    message = message == null ? "" : message;
    Checks.nonNegative("timestampMs", timestampMs);
  }

  public static DeadLetter of(String stage, String rawInput, Throwable error, long timestampMs) {
    return new DeadLetter(
        stage,
        rawInput,
        error.getClass().getName(),
        String.valueOf(error.getMessage()),
        timestampMs);
  }
}
