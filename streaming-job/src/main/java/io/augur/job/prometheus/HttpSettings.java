package io.augur.job.prometheus;

import io.augur.domain.Backoff;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

/**
 * How to talk HTTP to a server: authentication (basic or bearer), TLS (a custom CA file, or skip
 * verification), timeouts and retries. Shared by the Prometheus and Alertmanager clients.
 *
 * @param basicUser basic-auth user, or null
 * @param basicPassword basic-auth password (with {@code basicUser})
 * @param bearerToken a bearer token, or null (exclusive with basic auth)
 * @param caCertFile PEM file with the CA certificates to trust, or null for the JDK's
 * @param insecureSkipVerify trust any certificate and host name (tests and labs only)
 * @param connectTimeout TCP/TLS connect timeout
 * @param requestTimeout whole-response timeout (headers and body)
 * @param maxAttempts attempts per request, 1 = no retry
 * @param backoff delay between attempts
 */
public record HttpSettings(
    String basicUser,
    String basicPassword,
    String bearerToken,
    String caCertFile,
    boolean insecureSkipVerify,
    Duration connectTimeout,
    Duration requestTimeout,
    int maxAttempts,
    Backoff backoff)
    implements Serializable {

  public HttpSettings {
    if (basicUser != null && bearerToken != null) {
      throw new IllegalArgumentException("basicUser and bearerToken are exclusive, got both");
    }
    if (basicUser != null && basicPassword == null) {
      throw new IllegalArgumentException("basicPassword must be set with basicUser " + basicUser);
    }
    if (caCertFile != null && !Path.of(caCertFile).toFile().isFile()) {
      throw new IllegalArgumentException("caCertFile must be a readable file, got " + caCertFile);
    }
    if (connectTimeout == null || connectTimeout.isZero() || connectTimeout.isNegative()) {
      throw new IllegalArgumentException("connectTimeout must be > 0, got " + connectTimeout);
    }
    if (requestTimeout == null || requestTimeout.isZero() || requestTimeout.isNegative()) {
      throw new IllegalArgumentException("requestTimeout must be > 0, got " + requestTimeout);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
    }
    if (backoff == null) {
      throw new IllegalArgumentException("backoff must not be null");
    }
  }

  /** No auth, JDK trust store, 5 s connect, 30 s request, 4 attempts, backoff 200 ms .. 10 s. */
  public static HttpSettings defaults() {
    return new HttpSettings(
        null,
        null,
        null,
        null,
        false,
        Duration.ofSeconds(5),
        Duration.ofSeconds(30),
        4,
        Backoff.of(Duration.ofMillis(200), Duration.ofSeconds(10)));
  }

  public HttpSettings withBasicAuth(String user, String password) {
    return new HttpSettings(
        user,
        password,
        null,
        caCertFile,
        insecureSkipVerify,
        connectTimeout,
        requestTimeout,
        maxAttempts,
        backoff);
  }

  public HttpSettings withBearerToken(String token) {
    return new HttpSettings(
        null,
        null,
        token,
        caCertFile,
        insecureSkipVerify,
        connectTimeout,
        requestTimeout,
        maxAttempts,
        backoff);
  }

  public HttpSettings withTls(String caFile, boolean insecure) {
    return new HttpSettings(
        basicUser,
        basicPassword,
        bearerToken,
        caFile,
        insecure,
        connectTimeout,
        requestTimeout,
        maxAttempts,
        backoff);
  }

  public HttpSettings withTimeouts(Duration connect, Duration request) {
    return new HttpSettings(
        basicUser,
        basicPassword,
        bearerToken,
        caCertFile,
        insecureSkipVerify,
        connect,
        request,
        maxAttempts,
        backoff);
  }

  public HttpSettings withRetries(int attempts, Backoff b) {
    return new HttpSettings(
        basicUser,
        basicPassword,
        bearerToken,
        caCertFile,
        insecureSkipVerify,
        connectTimeout,
        requestTimeout,
        attempts,
        b);
  }

  /** The Authorization header value, or null. */
  public String authorization() {
    if (bearerToken != null) {
      return "Bearer " + bearerToken;
    }
    if (basicUser != null) {
      return "Basic "
          + Base64.getEncoder()
              .encodeToString(
                  (basicUser + ":" + basicPassword)
                      .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    return null;
  }

  @Override
  public String toString() {
    return "HttpSettings[auth="
        + (bearerToken != null ? "bearer" : basicUser != null ? "basic:" + basicUser : "none")
        + ", ca="
        + caCertFile
        + ", insecure="
        + insecureSkipVerify
        + ", connect="
        + connectTimeout
        + ", request="
        + requestTimeout
        + ", attempts="
        + maxAttempts
        + ", "
        + backoff
        + "]";
  }
}
