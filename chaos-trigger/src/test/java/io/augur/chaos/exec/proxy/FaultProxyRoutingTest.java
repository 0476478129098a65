package io.augur.chaos.exec.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rerouting a proxy (fail over, scale out) and lowering its connection limit (shed load), in
 * process and through the control API.
 */
class FaultProxyRoutingTest {
  private static HttpServer server(String answer) throws Exception {
    HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
    s.createContext(
        "/",
        ex -> {
          byte[] b = answer.getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().set("Connection", "close");
          ex.sendResponseHeaders(200, b.length);
          ex.getResponseBody().write(b);
          ex.close();
        });
    s.start();
    return s;
  }

  private static String get(HttpClient c, FaultProxy p) throws Exception {
    return c.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + p.listenAddress().getPort() + "/"))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  @Test
  void shouldSpreadNewConnectionsOverTheUpstreamsItIsRoutedTo() throws Exception {
    HttpServer a = server("a");
    HttpServer b = server("b");
    HostPort ha = new HostPort("127.0.0.1", a.getAddress().getPort());
    HostPort hb = new HostPort("127.0.0.1", b.getAddress().getPort());
    try (FaultProxy p = FaultProxy.start("svc", new HostPort("127.0.0.1", 0), ha);
        ControlServer control = ControlServer.start(new HostPort("127.0.0.1", 0), List.of(p))) {
      HttpClient c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      assertEquals("a", get(c, p));
      ProxyClient client = new ProxyClient(control.url(), Duration.ofSeconds(3));
      client.route("svc", List.of(hb), null); // fail over
      assertEquals("b", get(c, p));
      client.route("svc", List.of(ha, hb), 3); // scale out, and shed load to 3 connections
      List<String> seen = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        seen.add(get(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), p));
      }
      assertEquals(List.of(ha, hb), p.upstreams());
      assertEquals(2, seen.stream().filter("a"::equals).count(), seen.toString());
      assertEquals(3, p.connectionLimit());
      ProxyControlException e =
          assertThrows(ProxyControlException.class, () -> client.route("svc", List.of(), null));
      assertEquals(400, e.status());
      assertThrows(IllegalArgumentException.class, () -> p.limitConnections(0));
    } finally {
      a.stop(0);
      b.stop(0);
    }
  }
}
