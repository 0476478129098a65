package io.augur.chaos.exec.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The control API over real HTTP on 127.0.0.1, through {@link ProxyClient} and with raw bad
 * requests.
 */
class ControlServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private EchoServer echo;
  private FaultProxy proxy;
  private ControlServer api;
  private ProxyClient client;

  @BeforeEach
  void start() throws IOException {
    echo = new EchoServer();
    proxy = FaultProxy.start("db", new HostPort("127.0.0.1", 0), echo.address());
    api = ControlServer.start(new HostPort("127.0.0.1", 0), List.of(proxy));
    client = new ProxyClient(api.url(), Duration.ofSeconds(3));
  }

  @AfterEach
  void stop() throws IOException {
    api.close();
    proxy.clear();
    proxy.close();
    echo.close();
  }

  @Test
  void shouldAddListUpdateAndRemoveToxicsOverTheApi() throws IOException {
    ProxyClient.ProxyInfo info = client.proxies().get("db");
    assertEquals(echo.address().toString(), info.upstream());
    assertEquals(proxy.listenAddress().getPort(), HostPort.parse("listen", info.listen()).port());
    assertTrue(info.enabled());
    assertEquals(List.of(), info.toxics());

    Toxic lat =
        Toxic.of(
            "lat", ToxicType.LATENCY, ToxicStream.DOWNSTREAM, Map.of("latency", 120, "jitter", 10));
    assertEquals(lat, client.add("db", lat));
    assertEquals(List.of(lat), client.toxics("db"));
    assertEquals(List.of(lat), proxy.toxics(), "the API changes the proxy itself");
    assertEquals(lat, client.toxic("db", "lat").orElseThrow());

    Toxic changed = client.update("db", "lat", Map.of("latency", 80));
    assertEquals(80, changed.longAttr("latency"));
    assertEquals(10, changed.longAttr("jitter"), "attributes not named keep their value");
    assertEquals(80, proxy.toxic("lat").orElseThrow().longAttr("latency"));

    ProxyControlException dup =
        assertThrows(ProxyControlException.class, () -> client.add("db", lat));
    assertEquals(409, dup.status());
    assertTrue(dup.getMessage().contains("already has a toxic named lat"), dup.getMessage());

    client.add("db", Toxic.of("down", ToxicType.DOWN, null, Map.of()));
    assertFalse(client.proxy("db").enabled(), "a down toxic shows as a disabled proxy");

    assertTrue(client.remove("db", "lat"));
    assertFalse(client.remove("db", "lat"), "removing twice is fine: 404 means already gone");
    assertTrue(client.toxic("db", "lat").isEmpty());
    client.reset();
    assertEquals(List.of(), proxy.toxics());
    try (var s = TestNet.connect(proxy.listenAddress())) {
      TestNet.roundTripMs(s);
    }
  }

  @Test
  void shouldAnswerBadRequestsWithClearMessages() throws Exception {
    assertError("POST", "/proxies/db/toxics", "{not json", 400, "request body is not valid JSON");
    assertError("POST", "/proxies/db/toxics", "", 400, "request body is empty");
    assertError("POST", "/proxies/db/toxics", "[1]", 400, "a toxic must be a JSON object");
    assertError(
        "POST",
        "/proxies/db/toxics",
        "{\"name\":\"x\",\"type\":\"lag\"}",
        400,
        "toxic type must be one of [latency, bandwidth, reset_peer, down, corruption, slow_close, tls_expired, http_status], got \"lag\"");
    assertError(
        "POST",
        "/proxies/db/toxics",
        "{\"name\":\"x\",\"type\":\"latency\"}",
        400,
        "toxic x (latency) needs attribute latency");
    assertError(
        "POST",
        "/proxies/db/toxics",
        "{\"name\":\"x\",\"type\":\"latency\",\"attributes\":{\"latency\":-5}}",
        400,
        "toxic x (latency) attribute latency must be in 0..3600000, got -5");
    assertError(
        "POST",
        "/proxies/db/toxics",
        "{\"name\":\"x\",\"type\":\"latency\",\"attributes\":{\"latency\":\"1s\"}}",
        400,
        "toxic x attribute latency must be a number, got \"1s\"");
    assertError(
        "POST",
        "/proxies/db/toxics",
        "{\"name\":\"x\",\"type\":\"down\",\"attributes\":{\"rate\":1}}",
        400,
        "toxic x (down) has no attribute rate");
    assertError(
        "POST",
        "/proxies/db/toxics",
        "{\"name\":\"x y\",\"type\":\"down\"}",
        400,
        "toxic name must be 1-128 characters");
    assertError(
        "POST",
        "/proxies/db/toxics",
        "{\"name\":\"x\",\"type\":\"down\",\"toxicity\":0.5}",
        400,
        "a toxic has no field toxicity");
    assertError(
        "POST",
        "/proxies/db/toxics",
        "{\"name\":\"x\",\"type\":\"latency\",\"stream\":\"sideways\","
            + "\"attributes\":{\"latency\":1}}",
        400,
        "stream must be one of [upstream, downstream, both], got \"sideways\"");
    assertError(
        "POST",
        "/proxies/db/toxics",
        "{\"name\":\"x\",\"type\":\"tls_expired\"}",
        400,
        "does not terminate TLS");
    assertError(
        "POST",
        "/proxies/nope/toxics",
        "{\"name\":\"x\",\"type\":\"down\"}",
        404,
        "no proxy named nope (there are [db])");
    assertError("GET", "/proxies/db/toxics/ghost", null, 404, "proxy db has no toxic named ghost");
    assertError(
        "DELETE", "/proxies/db/toxics/ghost", null, 404, "proxy db has no toxic named ghost");
    assertError("DELETE", "/proxies/db", null, 405, "DELETE is not allowed here; use GET");
    assertError("GET", "/nothing", null, 404, "no such endpoint GET /nothing");
    assertEquals(List.of(), proxy.toxics(), "no bad request may leave a toxic behind");
  }

  @Test
  void shouldRefuseAControlAddressOffLoopback() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ControlServer.start(new HostPort("0.0.0.0", 0), List.of(proxy)));
    assertTrue(e.getMessage().contains("loopback only"), e.getMessage());
  }

  @Test
  void shouldSayClearlyWhenNoControlApiIsRunning() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ProxyClient dead =
        new ProxyClient(URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(2));
    ProxyControlException e = assertThrows(ProxyControlException.class, () -> dead.toxics("db"));
    assertTrue(e.refused(), e.getMessage());
    assertTrue(
        e.getMessage()
            .contains("GET http://127.0.0.1:" + port + "/proxies/db/toxics: nothing listens there"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ProxyClient.of("ftp://127.0.0.1:1"));
  }

  private void assertError(String method, String path, String body, int status, String message)
      throws Exception {
    HttpRequest.BodyPublisher pub =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body);
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(api.url() + path))
                    .timeout(Duration.ofSeconds(5))
                    .method(method, pub)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(status, r.statusCode(), method + " " + path + ": " + r.body());
    JsonNode n = JSON.readTree(r.body());
    assertEquals(status, n.path("status").asInt());
    assertTrue(
        n.path("error").asText().contains(message),
        method + " " + path + " said: " + n.path("error").asText());
  }
}
