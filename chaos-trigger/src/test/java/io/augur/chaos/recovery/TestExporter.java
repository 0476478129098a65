package io.augur.chaos.recovery;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * A /metrics endpoint of the test's own on 127.0.0.1: serves whatever samples the test sets (full
 * sample names with labels, e.g. {@code augur_recovery_seconds{test="a",service="b"}}), so a real
 * Prometheus scrapes metric names Augur exports with values the test changes.
 */
final class TestExporter implements AutoCloseable {
  private final HttpServer server;
  private final Map<String, Double> samples = new TreeMap<>();
  private String raw = "";

  TestExporter() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/metrics",
        ex -> {
          byte[] body = text().getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
          ex.sendResponseHeaders(200, body.length);
          try (OutputStream o = ex.getResponseBody()) {
            o.write(body);
          }
        });
    server.start();
  }

  String hostPort() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  synchronized void set(String sample, double value) {
    samples.put(sample, value);
  }

  /** Exposition text served after the samples (e.g. a recovery run's textfile). */
  synchronized void raw(String text) {
    raw = text;
  }

  synchronized void remove(String sample) {
    samples.remove(sample);
  }

  private synchronized String text() {
    StringBuilder b = new StringBuilder();
    samples.forEach((k, v) -> b.append(k).append(' ').append(v).append('\n'));
    return b.append(raw).toString();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
