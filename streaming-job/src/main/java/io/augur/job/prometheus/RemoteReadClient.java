package io.augur.job.prometheus;

import io.augur.domain.Sleeper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;
import javax.net.ssl.SSLException;
import org.xerial.snappy.Snappy;

/**
 * A Prometheus remote-read client ({@code POST /api/v1/read}, snappy-compressed protobuf). Asks for
 * STREAMED_XOR_CHUNKS first (unless told to use SAMPLES) and decodes whichever type the server
 * answers with. Retries 5xx/408/429, timeouts, connection failures and undecodable bodies with
 * backoff and jitter; a 4xx or TLS failure fails at once. Every failure is a typed {@link
 * RemoteReadException} naming what happened on each attempt.
 */
public final class RemoteReadClient implements AutoCloseable {
  /** Frames larger than this are refused (Prometheus' default frame limit is 1 MiB). */
  public static final int MAX_FRAME_BYTES = 16 << 20;

  private final URI readUri;
  private final HttpSettings settings;
  private final boolean streamed;
  private final HttpClient http;
  private final Sleeper sleeper;
  private final RandomGenerator random;

  /**
   * @param readUrl the remote-read endpoint, e.g. {@code http://prometheus:9090/api/v1/read}; a URL
   *     without a path gets {@code /api/v1/read}
   * @param streamed prefer STREAMED_XOR_CHUNKS (true) or ask for SAMPLES only (false)
   */
  public RemoteReadClient(
      String readUrl,
      HttpSettings settings,
      boolean streamed,
      Sleeper sleeper,
      RandomGenerator random) {
    this.readUri = readUri(readUrl);
    if (settings == null || sleeper == null || random == null) {
      throw new IllegalArgumentException("settings, sleeper and random must not be null");
    }
    this.settings = settings;
    this.streamed = streamed;
    this.sleeper = sleeper;
    this.random = random;
    this.http = HttpClients.create(settings);
  }

  public RemoteReadClient(String readUrl, HttpSettings settings, boolean streamed) {
    this(readUrl, settings, streamed, Sleeper.REAL, RandomGenerator.getDefault());
  }

  static URI readUri(String url) {
    if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
      throw new IllegalArgumentException("readUrl must be an http(s) URL, got \"" + url + "\"");
    }
    URI u = URI.create(url);
    String path = u.getPath();
    return path == null || path.isEmpty() || path.equals("/") ? u.resolve("/api/v1/read") : u;
  }

  public URI uri() {
    return readUri;
  }

  /** Reads one query, retrying as configured. */
  public List<RemoteSeries> read(ReadQuery q) throws RemoteReadException, InterruptedException {
    StringBuilder history = new StringBuilder();
    RemoteReadException last = null;
    for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
      try {
        return readOnce(q);
      } catch (RemoteReadException e) {
        last = e;
        if (history.length() > 0) {
          history.append("; ");
        }
        history
            .append('#')
            .append(attempt)
            .append(' ')
            .append(e.kind())
            .append(": ")
            .append(e.getMessage());
        if (!e.retryable() || attempt == settings.maxAttempts()) {
          break;
        }
        sleeper.sleep(settings.backoff().delay(attempt, random));
      }
    }
    int attempts = history.toString().split("; #").length;
    throw last.withAttempts(attempts, readUri + " " + history);
  }

  /** One attempt, no retry. */
  public List<RemoteSeries> readOnce(ReadQuery q) throws RemoteReadException, InterruptedException {
    byte[] request =
        RemoteReadCodec.encodeReadRequest(
            List.of(q),
            streamed
                ? List.of(RemoteReadCodec.STREAMED_XOR_CHUNKS, RemoteReadCodec.SAMPLES)
                : List.of(RemoteReadCodec.SAMPLES));
    byte[] body;
    try {
      body = Snappy.compress(request);
    } catch (IOException e) {
      throw new IllegalStateException("snappy failed to compress a request", e);
    }
    HttpRequest.Builder rb =
        HttpRequest.newBuilder(readUri)
            .timeout(settings.requestTimeout())
            .header("Content-Type", "application/x-protobuf")
            .header("Content-Encoding", "snappy")
            .header("X-Prometheus-Remote-Read-Version", "0.1.0")
            .header("User-Agent", "augur-remote-read/0.1")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    String auth = settings.authorization();
    if (auth != null) {
      rb.header("Authorization", auth);
    }
    HttpResponse<byte[]> resp = send(rb.build());
    int status = resp.statusCode();
    if (status / 100 != 2) {
      String text =
          new String(resp.body(), 0, Math.min(resp.body().length, 300), StandardCharsets.UTF_8)
              .trim();
      boolean retry = status >= 500 || status == 408 || status == 429;
      throw new RemoteReadException(
          retry ? RemoteReadException.Kind.SERVER_ERROR : RemoteReadException.Kind.CLIENT_ERROR,
          status,
          "HTTP " + status + ": " + text,
          null);
    }
    String type = resp.headers().firstValue("Content-Type").orElse("");
    try {
      if (type.startsWith("application/x-streamed-protobuf")) {
        return ChunkedFrames.decodeSeries(resp.body(), q.startMs(), q.endMs(), MAX_FRAME_BYTES);
      }
      byte[] raw = Snappy.uncompress(resp.body());
      List<List<RemoteSeries>> results = RemoteReadCodec.decodeReadResponse(raw);
      if (results.size() != 1) {
        throw new IllegalArgumentException("expected 1 query result, got " + results.size());
      }
      return results.get(0);
    } catch (IOException | RuntimeException e) {
      throw new RemoteReadException(
          RemoteReadException.Kind.MALFORMED,
          status,
          "undecodable "
              + (type.isEmpty() ? "response" : type)
              + " body of "
              + resp.body().length
              + " bytes: "
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private HttpResponse<byte[]> send(HttpRequest req)
      throws RemoteReadException, InterruptedException {
    CompletableFuture<HttpResponse<byte[]>> f =
        http.sendAsync(req, HttpResponse.BodyHandlers.ofByteArray());
    try {
      // the request timeout covers the headers only; this bounds the body too
      return f.get(settings.requestTimeout().toMillis() + 50, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      throw new RemoteReadException(
          RemoteReadException.Kind.TIMEOUT,
          0,
          "no complete response within " + settings.requestTimeout(),
          e);
    } catch (InterruptedException e) {
      f.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof HttpTimeoutException) {
        throw new RemoteReadException(
            RemoteReadException.Kind.TIMEOUT,
            0,
            "no response within " + settings.requestTimeout(),
            c);
      }
      if (c instanceof SSLException || (c != null && c.getCause() instanceof SSLException)) {
        throw new RemoteReadException(
            RemoteReadException.Kind.TLS, 0, "TLS failure: " + c.getMessage(), c);
      }
      String what = c instanceof ConnectException ? "connection refused" : String.valueOf(c);
      throw new RemoteReadException(RemoteReadException.Kind.IO, 0, what, c);
    }
  }

  @Override
  public void close() {
    // java.net.http.HttpClient gained close() in 21; on 17 it is released with its last reference
  }
}
