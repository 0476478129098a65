package io.augur.job.prometheus;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.xerial.snappy.Snappy;

/** A tiny remote-read endpoint on 127.0.0.1 whose answers a test scripts, for fault injection. */
final class FakeReadServer implements AutoCloseable {

  /** Answers one request. */
  interface Handler {
    void handle(HttpExchange ex, int requestNumber) throws Exception;
  }

  final HttpServer server;
  final AtomicInteger requests = new AtomicInteger();
  final List<String> authorizations = new CopyOnWriteArrayList<>();
  final List<byte[]> bodies = new CopyOnWriteArrayList<>();

  FakeReadServer(Handler handler) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(
        "/api/v1/read",
        ex -> {
          int n = requests.incrementAndGet();
          authorizations.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
          bodies.add(ex.getRequestBody().readAllBytes());
          try {
            handler.handle(ex, n);
          } catch (Exception e) {
            // the test decided how to misbehave; nothing to do
          } finally {
            ex.close();
          }
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/read";
  }

  static void respond(HttpExchange ex, int status, String contentType, byte[] body)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", contentType);
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      ex.getResponseBody().write(body);
    }
  }

  static void samples(HttpExchange ex, List<RemoteSeries> series) throws IOException {
    ex.getResponseHeaders().set("Content-Encoding", "snappy");
    respond(
        ex,
        200,
        "application/x-protobuf",
        Snappy.compress(RemoteReadCodec.encodeReadResponse(List.of(series))));
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
