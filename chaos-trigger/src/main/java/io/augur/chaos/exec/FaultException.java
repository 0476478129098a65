package io.augur.chaos.exec;

/** A fault could not be applied, observed or removed; the message names the fault and the cause. */
public final class FaultException extends RuntimeException {
  public FaultException(String message) {
    super(message);
  }

  public FaultException(String message, Throwable cause) {
    super(message, cause);
  }
}
