package io.augur.job.prometheus;

/**
 * A remote read that failed, with the kind of failure, so callers can decide between retrying the
 * same window and reporting it as a dead letter.
 */
public class RemoteReadException extends Exception {

  /** What went wrong. */
  public enum Kind {
    /** 4xx other than 408/429: the request is wrong; retrying will not help. */
    CLIENT_ERROR(false),
    /** 5xx, 408 or 429: the server may recover. */
    SERVER_ERROR(true),
    /** no complete response within the request timeout. */
    TIMEOUT(true),
    /** connection refused, reset, DNS. */
    IO(true),
    /** a 200 whose body could not be decoded (snappy, protobuf, frame CRC, XOR chunk). */
    MALFORMED(true),
    /** TLS handshake or certificate failure: a configuration problem. */
    TLS(false);

    private final boolean retryable;

    Kind(boolean retryable) {
      this.retryable = retryable;
    }

    public boolean retryable() {
      return retryable;
    }
  }

  private final Kind kind;
  private final int status;
  private final int attempts;

  public RemoteReadException(Kind kind, int status, String message, Throwable cause) {
    this(kind, status, 1, message, cause);
  }

  public RemoteReadException(Kind kind, int status, int attempts, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.status = status;
    this.attempts = attempts;
  }

  public Kind kind() {
    return kind;
  }

  /** The HTTP status, or 0 when no response arrived. */
  public int status() {
    return status;
  }

  public int attempts() {
    return attempts;
  }

  public boolean retryable() {
    return kind.retryable();
  }

  RemoteReadException withAttempts(int n, String history) {
    return new RemoteReadException(
        kind, status, n, "after " + n + " attempt(s): " + history, getCause());
  }
}
