package io.augur.chaos.exec.proxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.augur.domain.Checks;
import io.augur.json.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The control API of one or more fault proxies, toxiproxy's shape, JSON over HTTP, loopback only
 * (it has no authentication):
 *
 * <pre>
 * GET    /proxies                          every proxy, by name, with its toxics
 * GET    /proxies/{proxy}                  one proxy
 * GET    /proxies/{proxy}/toxics           its toxics
 * POST   /proxies/{proxy}/toxics           add one: {"name", "type", "stream", "attributes"} -> 200, 409 if the name is taken
 * GET    /proxies/{proxy}/toxics/{toxic}   one toxic, 404 if not active
 * POST   /proxies/{proxy}/toxics/{toxic}   change attributes: {"attributes": {...}}
 * DELETE /proxies/{proxy}/toxics/{toxic}   remove it -> 204, 404 if not active
 * POST   /reset                            remove every toxic of every proxy -> 204
 * </pre>
 *
 * Errors are {@code {"error": "...", "status": N}}; a bad body is a 400 whose message names the
 * field.
 */
public final class ControlServer implements AutoCloseable {
  private static final ObjectMapper JSON = Wire.EXTERNAL;
  private static final int MAX_BODY = 64 * 1024;

  private final Map<String, FaultProxy> proxies;
  private final HttpServer http;
  private final ExecutorService threads;

  private ControlServer(Map<String, FaultProxy> proxies, HttpServer http, ExecutorService threads) {
    this.proxies = proxies;
    this.http = http;
    this.threads = threads;
  }

  /**
   * Serves the API for {@code proxies} on {@code at} (a loopback address; port 0: any free port).
   */
  public static ControlServer start(HostPort at, List<FaultProxy> proxies) {
    Checks.nonNull("control address", at);
    Checks.noNullElements("proxies", proxies);
    Map<String, FaultProxy> byName = new LinkedHashMap<>();
    for (FaultProxy p : proxies) {
      if (byName.put(p.name(), p) != null) {
        throw new IllegalArgumentException("two proxies are named " + p.name());
      }
    }
    try {
      InetAddress addr = InetAddress.getByName(at.host());
      if (!addr.isLoopbackAddress()) {
        throw new IllegalArgumentException(
            "the proxy control API has no authentication, so it listens on loopback "
                + "only; got "
                + at);
      }
      HttpServer http = HttpServer.create(new InetSocketAddress(addr, at.port()), 16);
      ExecutorService threads =
          Executors.newFixedThreadPool(
              2,
              r -> {
                Thread t = new Thread(r, "augur-proxy-control");
                t.setDaemon(true);
                return t;
              });
      ControlServer s = new ControlServer(Map.copyOf(byName), http, threads);
      http.createContext("/", s::handle);
      http.setExecutor(threads);
      http.start();
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot start the proxy control API on " + at + ": " + e.getMessage(), e);
    }
  }

  /** The base URL, e.g. {@code http://127.0.0.1:8474}. */
  public URI url() {
    InetSocketAddress a = http.getAddress();
    return URI.create("http://" + new HostPort(a.getAddress().getHostAddress(), a.getPort()));
  }

  /** A request that cannot be served, with its status. */
  private static final class HttpError extends RuntimeException {
    final int status;

    HttpError(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      try {
        Object body = route(ex.getRequestMethod(), ex.getRequestURI().getPath(), ex);
        if (body == null) {
          ex.sendResponseHeaders(204, -1);
        } else {
          send(ex, 200, (JsonNode) body);
        }
      } catch (HttpError e) {
        send(ex, e.status, error(e.status, e.getMessage()));
      } catch (IllegalArgumentException e) {
        send(ex, 400, error(400, e.getMessage()));
      } catch (RuntimeException e) {
        send(ex, 500, error(500, e.getClass().getSimpleName() + ": " + e.getMessage()));
      }
    }
  }

  private Object route(String method, String path, HttpExchange ex) throws IOException {
    List<String> parts = List.of(path.replaceAll("^/+|/+$", "").split("/+"));
    if (parts.equals(List.of("reset"))) {
      allow(method, "POST");
      proxies.values().forEach(FaultProxy::clear);
      return null;
    }
    if (parts.isEmpty()
        || !parts.get(0).equals("proxies")
        || parts.size() > 4
        || (parts.size() >= 3 && !parts.get(2).equals("toxics"))) {
      throw new HttpError(
          404,
          "no such endpoint "
              + method
              + " "
              + path
              + " (try /proxies, /proxies/{proxy}/toxics, /proxies/{proxy}/toxics/{toxic}, /reset)");
    }
    if (parts.size() == 1) {
      allow(method, "GET");
      ObjectNode all = JSON.createObjectNode();
      proxies.values().forEach(p -> all.set(p.name(), proxyJson(p)));
      return all;
    }
    FaultProxy p = proxies.get(parts.get(1));
    if (p == null) {
      throw new HttpError(
          404, "no proxy named " + parts.get(1) + " (there are " + proxies.keySet() + ")");
    }
    if (parts.size() == 2) {
      allow(method, "GET", "POST");
      if (method.equals("POST")) {
        reroute(p, body(ex));
      }
      return proxyJson(p);
    }
    if (parts.size() == 3) {
      allow(method, "GET", "POST");
      if (method.equals("GET")) {
        return toxicsJson(p);
      }
      Toxic t = Toxic.fromJson(body(ex));
      if (!p.add(t)) {
        throw new HttpError(409, "proxy " + p.name() + " already has a toxic named " + t.name());
      }
      return t.toJson();
    }
    String name = parts.get(3);
    allow(method, "GET", "POST", "DELETE");
    return switch (method) {
      case "GET" -> p.toxic(name).orElseThrow(() -> missing(p, name)).toJson();
      case "POST" ->
          p.update(name, Toxic.attributes(name, body(ex)))
              .orElseThrow(() -> missing(p, name))
              .toJson();
      default -> {
        p.remove(name).orElseThrow(() -> missing(p, name));
        yield null;
      }
    };
  }

  /** {@code {"upstreams": ["host:port", ...], "maxConnections": n}}, either field optional. */
  private static void reroute(FaultProxy p, JsonNode body) {
    JsonNode ups = body.get("upstreams");
    JsonNode limit = body.get("maxConnections");
    if (ups == null && limit == null) {
      throw new IllegalArgumentException(
          "expected \"upstreams\" (a list of host:port) or \"maxConnections\"");
    }
    if (ups != null) {
      if (!ups.isArray()) {
        throw new IllegalArgumentException("upstreams must be a list of host:port, got " + ups);
      }
      List<HostPort> to = new java.util.ArrayList<>();
      ups.forEach(u -> to.add(HostPort.parse("upstreams", u.asText())));
      p.route(to);
    }
    if (limit != null) {
      if (!limit.canConvertToInt()) {
        throw new IllegalArgumentException("maxConnections must be an integer, got " + limit);
      }
      p.limitConnections(limit.intValue());
    }
  }

  private static HttpError missing(FaultProxy p, String toxic) {
    return new HttpError(
        404,
        "proxy "
            + p.name()
            + " has no toxic named "
            + toxic
            + " (active: "
            + p.toxics().stream().map(Toxic::name).toList()
            + ")");
  }

  private static void allow(String method, String... allowed) {
    if (!List.of(allowed).contains(method)) {
      throw new HttpError(
          405, method + " is not allowed here; use " + String.join(" or ", allowed));
    }
  }

  private static JsonNode body(HttpExchange ex) throws IOException {
    byte[] bytes;
    try (InputStream in = ex.getRequestBody()) {
      bytes = in.readNBytes(MAX_BODY + 1);
    }
    if (bytes.length > MAX_BODY) {
      throw new HttpError(413, "request body is larger than " + MAX_BODY + " bytes");
    }
    if (bytes.length == 0) {
      throw new IllegalArgumentException("request body is empty; expected a JSON object");
    }
    try {
      return JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "request body is not valid JSON: " + e.getOriginalMessage());
    }
  }

  static ObjectNode proxyJson(FaultProxy p) {
    ObjectNode n = JSON.createObjectNode();
    InetSocketAddress l = p.listenAddress();
    n.put("name", p.name())
        .put("listen", new HostPort(l.getAddress().getHostAddress(), l.getPort()).toString())
        .put("upstream", p.upstream().toString())
        .put("maxConnections", p.connectionLimit())
        .put("enabled", p.toxics().stream().noneMatch(t -> t.type() == ToxicType.DOWN))
        .put("tls", p.tls().isPresent())
        .put("connections", p.liveConnections());
    ArrayNode ups = n.putArray("upstreams");
    p.upstreams().forEach(u -> ups.add(u.toString()));
    n.set("toxics", toxicsJson(p));
    return n;
  }

  private static ArrayNode toxicsJson(FaultProxy p) {
    ArrayNode a = JSON.createArrayNode();
    p.toxics().forEach(t -> a.add(t.toJson()));
    return a;
  }

  private static ObjectNode error(int status, String message) {
    return JSON.createObjectNode().put("error", message).put("status", status);
  }

  private static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
    byte[] bytes =
        JSON.writerWithDefaultPrettyPrinter()
            .writeValueAsString(body)
            .getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
  }

  /** Stops the API (the proxies keep running; close them yourself). */
  @Override
  public void close() {
    http.stop(0);
    threads.shutdownNow();
  }
}
