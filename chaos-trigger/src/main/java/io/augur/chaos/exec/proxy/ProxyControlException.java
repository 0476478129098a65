package io.augur.chaos.exec.proxy;

/**
 * The proxy control API answered with an error, or could not be reached. The message names the
 * request, the URL and what the API said.
 */
public final class ProxyControlException extends RuntimeException {
  private final int status;
  private final boolean refused;

  ProxyControlException(String message, int status, boolean refused, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.refused = refused;
  }

  /** The HTTP status, or 0 when there was no answer. */
  public int status() {
    return status;
  }

  /**
   * Nothing listens on the control address (connection refused): no proxy process is running there.
   */
  public boolean refused() {
    return refused;
  }
}
