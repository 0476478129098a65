package io.augur.job.alertmanager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A webhook receiver for Alertmanager's notifications: keeps each alert as "status component
 * severity".
 */
final class WebhookReceiver implements AutoCloseable {
  private final HttpServer server;
  final List<String> received = new CopyOnWriteArrayList<>();
  final List<JsonNode> alerts = new CopyOnWriteArrayList<>();

  WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/hook",
        ex -> {
          JsonNode body = new ObjectMapper().readTree(ex.getRequestBody());
          for (JsonNode a : body.path("alerts")) {
            alerts.add(a);
            received.add(
                a.path("status").asText()
                    + " "
                    + a.path("labels").path("component").asText()
                    + " "
                    + a.path("labels").path("severity").asText());
          }
          ex.sendResponseHeaders(200, -1);
          ex.close();
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
