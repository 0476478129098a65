package io.augur.chaos.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.augur.domain.Checks;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Exposes {@link ChaosMetrics} of an outcome log: {@link #start} serves {@code GET /metrics} (each
 * scrape reads what was appended since the last one), {@link #writeTextfile} writes the exposition
 * once for node-exporter's textfile collector, atomically (temporary file, forced, renamed).
 */
public final class ChaosExporter implements AutoCloseable {
  private final OutcomeLogTail log;
  private final Duration window;
  private final Clock clock;
  private long cachedVersion = -1;
  private String cached;
  private HttpServer server;
  private ExecutorService executor;

  /**
   * @param window how far back the success rate looks, or null for every outcome
   */
  public ChaosExporter(Path outcomes, Duration window, Clock clock) {
    this.log = new OutcomeLogTail(Checks.nonNull("outcomes", outcomes));
    this.window = window;
    this.clock = Checks.nonNull("clock", clock);
    if (window != null && (window.isZero() || window.isNegative())) {
      throw new IllegalArgumentException("window must be > 0, got " + window);
    }
  }

  /**
   * The exposition now; without a window it only changes with the log, and is kept until it does.
   */
  public synchronized String scrape() {
    OutcomeLogTail.Contents c = log.read();
    if (window == null && c.version() == cachedVersion) {
      return cached;
    }
    String text =
        ChaosMetrics.exposition(c.outcomes(), window, clock.instant(), c.unreadableLines());
    cachedVersion = c.version();
    cached = text;
    return text;
  }

  /** Bytes of the log parsed so far. */
  long bytesParsed() {
    return log.bytesParsed();
  }

  /**
   * Serves {@code /metrics} on {@code host:port} (port 0: any free one).
   *
   * @return the address it listens on
   */
  public synchronized InetSocketAddress start(String host, int port) {
    if (server != null) {
      throw new IllegalStateException("already serving on " + server.getAddress());
    }
    Checks.nonBlank("host", host);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be within [0, 65535], got " + port);
    }
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 16);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    server.createContext("/", this::handle);
    executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "augur-chaos-exporter");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.start();
    return server.getAddress();
  }

  private void handle(HttpExchange x) throws IOException {
    try (x) {
      String path = x.getRequestURI().getPath();
      if (!"GET".equals(x.getRequestMethod()) && !"HEAD".equals(x.getRequestMethod())) {
        reply(x, 405, "text/plain; charset=utf-8", "only GET /metrics\n");
      } else if ("/metrics".equals(path)) {
        String body;
        try {
          body = scrape();
        } catch (RuntimeException e) {
          reply(
              x,
              500,
              "text/plain; charset=utf-8",
              "cannot read the outcome log: " + e.getMessage() + "\n");
          return;
        }
        reply(x, 200, PrometheusText.CONTENT_TYPE, body);
      } else if ("/".equals(path)) {
        reply(x, 200, "text/plain; charset=utf-8", "Augur chaos exporter: metrics at /metrics\n");
      } else {
        reply(
            x, 404, "text/plain; charset=utf-8", "not found: " + path + " (metrics at /metrics)\n");
      }
    }
  }

  private static void reply(HttpExchange x, int code, String type, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", type);
    boolean head = "HEAD".equals(x.getRequestMethod());
    x.sendResponseHeaders(code, head ? -1 : b.length);
    if (!head) {
      try (OutputStream o = x.getResponseBody()) {
        o.write(b);
      }
    }
  }

  /**
   * Writes the exposition to {@code file} atomically; node-exporter's textfile collector reads only
   * files named {@code *.prom}.
   */
  public void writeTextfile(Path file) {
    Checks.nonNull("file", file);
    if (!file.getFileName().toString().endsWith(".prom")) {
      throw new IllegalArgumentException(
          "textfile must end in .prom (node-exporter's textfile collector reads only those), got "
              + file);
    }
    byte[] b = scrape().getBytes(StandardCharsets.UTF_8);
    Path dir = file.toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
      // not *.prom while being written, so the collector never reads half a file
      Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
      try {
        try (FileChannel ch =
            FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
          ByteBuffer buf = ByteBuffer.wrap(b);
          while (buf.hasRemaining()) {
            ch.write(buf);
          }
          ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write textfile " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
      server = null;
    }
  }
}
