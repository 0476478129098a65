package io.augur.chaos.exec.k8s;

import io.augur.chaos.exec.FaultException;
import io.augur.domain.Checks;
import io.augur.domain.Sleeper;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Calls to the API server with retries: connection errors and the transient statuses (429, 500,
 * 502, 503, 504) are retried with exponential backoff, anything else fails at once. A failure
 * becomes a {@link FaultException} whose message names the operation, the resource and the HTTP
 * status (or the connection error).
 */
public final class KubeCalls {
  private static final Set<Integer> TRANSIENT = Set.of(429, 500, 502, 503, 504);

  private final int attempts;
  private final Duration firstBackoff;
  private final Sleeper sleeper;

  public KubeCalls(int attempts, Duration firstBackoff, Sleeper sleeper) {
    if (attempts < 1 || attempts > 10) {
      throw new IllegalArgumentException("attempts must be within [1, 10], got " + attempts);
    }
    Checks.nonNull("firstBackoff", firstBackoff);
    if (firstBackoff.isNegative()) {
      throw new IllegalArgumentException("firstBackoff must be >= 0, got " + firstBackoff);
    }
    this.attempts = attempts;
    this.firstBackoff = firstBackoff;
    this.sleeper = Checks.nonNull("sleeper", sleeper);
  }

  /**
   * Runs {@code call}, retrying transient failures.
   *
   * @param what the operation and resource, e.g. {@code create PodChaos prod/x}, for the message
   * @throws FaultException naming {@code what}, after the last attempt or on a non-transient error
   */
  public <T> T call(String what, Supplier<T> call) {
    Duration backoff = firstBackoff;
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (KubernetesClientException e) {
        if (!isTransient(e) || attempt >= attempts) {
          throw new FaultException(
              "cannot "
                  + what
                  + ": "
                  + describe(e)
                  + (isTransient(e) ? " (after " + attempt + " attempts)" : ""),
              e);
        }
      }
      try {
        sleeper.sleep(backoff);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        throw new FaultException("cannot " + what + ": interrupted while retrying");
      }
      backoff = backoff.multipliedBy(2);
    }
  }

  /**
   * A connection error (no HTTP response at all) or a status the API server sends when it is
   * briefly unable to serve.
   */
  static boolean isTransient(KubernetesClientException e) {
    return isConnectionError(e) || TRANSIENT.contains(e.getCode());
  }

  /** No HTTP status came back: the API server could not be reached or the connection broke. */
  static boolean isConnectionError(KubernetesClientException e) {
    if (e.getCode() > 0) {
      return false;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
    }
    return e.getCode() == 0 && e.getStatus() == null;
  }

  /** {@code HTTP 422 (message)} or {@code API server unreachable (cause)}. */
  static String describe(KubernetesClientException e) {
    if (e.getCode() > 0) {
      String msg =
          e.getStatus() != null && e.getStatus().getMessage() != null
              ? e.getStatus().getMessage()
              : e.getMessage();
      return "HTTP " + e.getCode() + " (" + msg + ")";
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return "API server unreachable ("
        + root.getClass().getSimpleName()
        + ": "
        + root.getMessage()
        + ")";
  }

  /** The HTTP status of the failure behind {@code e}, or 0 when none came back. */
  static int code(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof KubernetesClientException k) {
        return k.getCode();
      }
    }
    return 0;
  }
}
