package io.augur.chaos.prom;

/**
 * A query could not be answered: the server is unreachable, refused the query, or answered garbage.
 */
public class MetricsUnavailableException extends RuntimeException {
  public MetricsUnavailableException(String message) {
    super(message);
  }

  public MetricsUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
