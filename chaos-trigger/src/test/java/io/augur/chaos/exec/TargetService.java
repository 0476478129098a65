package io.augur.chaos.exec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.function.DoubleSupplier;

/**
 * The end-to-end tests' own target: an HTTP service on 127.0.0.1 answering {@code /work} and
 * exposing {@code /metrics} in the Prometheus text format (untyped samples), from values the test
 * registers.
 */
final class TargetService implements AutoCloseable {
  private final HttpServer server;
  private final Map<String, DoubleSupplier> gauges = new ConcurrentHashMap<>();

  TargetService() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "e2e-target");
              t.setDaemon(true);
              return t;
            }));
    server.createContext("/work", x -> answer(x, "text/plain", "ok\n"));
    server.createContext("/metrics", x -> answer(x, "text/plain; version=0.0.4", render()));
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  String hostPort() {
    return "127.0.0.1:" + port();
  }

  /** Registers (or replaces) a gauge, e.g. {@code e2e_client_latency_seconds}. */
  TargetService gauge(String name, DoubleSupplier value) {
    gauges.put(name, value);
    return this;
  }

  private String render() {
    StringBuilder sb = new StringBuilder();
    gauges.forEach(
        (name, v) -> {
          double d = v.getAsDouble();
          sb.append(name)
              .append(' ')
              .append(Double.isNaN(d) ? "NaN" : String.format(Locale.ROOT, "%.6f", d))
              .append('\n');
        });
    return sb.toString();
  }

  private static void answer(HttpExchange x, String type, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", type);
    x.sendResponseHeaders(200, b.length);
    try (OutputStream o = x.getResponseBody()) {
      o.write(b);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
