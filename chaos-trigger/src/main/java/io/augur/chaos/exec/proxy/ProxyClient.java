package io.augur.chaos.exec.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.augur.domain.Checks;
import io.augur.json.Wire;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Speaks the {@link ControlServer} API. Every call has a connect and a request timeout; every
 * failure is a {@link ProxyControlException} naming the request and the answer.
 */
public final class ProxyClient {
  private static final ObjectMapper JSON = Wire.EXTERNAL;

  /** A proxy as the API describes it. */
  public record ProxyInfo(
      String name,
      String listen,
      String upstream,
      boolean enabled,
      boolean tls,
      int connections,
      List<Toxic> toxics) {
    public ProxyInfo {
      toxics = List.copyOf(toxics);
    }
  }

  private final URI base;
  private final Duration timeout;
  private final HttpClient http;

  public ProxyClient(URI base, Duration timeout) {
    Checks.nonNull("proxy control URL", base);
    if (!"http".equals(base.getScheme()) || base.getHost() == null) {
      throw new IllegalArgumentException(
          "proxy control URL must be http://HOST:PORT, got \"" + base + "\"");
    }
    this.base = URI.create(base.toString().replaceAll("/+$", ""));
    this.timeout = Checks.nonNull("timeout", timeout);
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("proxy control timeout must be > 0, got " + timeout);
    }
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  /** From a binding's {@code proxyControl} string, with a 3 s timeout. */
  public static ProxyClient of(String url) {
    Checks.nonBlank("proxy control URL", url);
    try {
      return new ProxyClient(URI.create(url.trim()), Duration.ofSeconds(3));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "proxy control URL must be http://HOST:PORT, got \"" + url + "\"", e);
    }
  }

  public URI base() {
    return base;
  }

  public Map<String, ProxyInfo> proxies() {
    JsonNode n = call("GET", "/proxies", null).orElseThrow();
    Map<String, ProxyInfo> m = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : n.properties()) {
      m.put(e.getKey(), info(e.getValue()));
    }
    return m;
  }

  public ProxyInfo proxy(String proxy) {
    return info(call("GET", "/proxies/" + seg(proxy), null).orElseThrow());
  }

  public List<Toxic> toxics(String proxy) {
    return toxicList(call("GET", "/proxies/" + seg(proxy) + "/toxics", null).orElseThrow());
  }

  /** The active toxic, or empty on a 404 (no such toxic, or no such proxy). */
  public Optional<Toxic> toxic(String proxy, String toxic) {
    try {
      return call("GET", "/proxies/" + seg(proxy) + "/toxics/" + seg(toxic), null)
          .map(Toxic::fromJson);
    } catch (ProxyControlException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Adds a toxic; a 409 (name taken) is a {@link ProxyControlException} with that status. */
  public Toxic add(String proxy, Toxic toxic) {
    Checks.nonNull("toxic", toxic);
    return Toxic.fromJson(
        call("POST", "/proxies/" + seg(proxy) + "/toxics", toxic.toJson().toString())
            .orElseThrow());
  }

  /** Changes an active toxic's attributes. */
  public Toxic update(String proxy, String toxic, Map<String, Number> attributes) {
    String body =
        JSON.createObjectNode().set("attributes", JSON.valueToTree(attributes)).toString();
    return Toxic.fromJson(
        call("POST", "/proxies/" + seg(proxy) + "/toxics/" + seg(toxic), body).orElseThrow());
  }

  /** Removes a toxic: true if it was active, false if it was already gone (404). */
  public boolean remove(String proxy, String toxic) {
    try {
      call("DELETE", "/proxies/" + seg(proxy) + "/toxics/" + seg(toxic), null);
      return true;
    } catch (ProxyControlException e) {
      if (e.status() == 404) {
        return false;
      }
      throw e;
    }
  }

  /**
   * Sends the proxy's new connections to {@code upstreams} (round robin); null leaves them. Also
   * sets its connection limit when {@code maxConnections} is not null.
   */
  public ProxyInfo route(String proxy, List<HostPort> upstreams, Integer maxConnections) {
    com.fasterxml.jackson.databind.node.ObjectNode b = JSON.createObjectNode();
    if (upstreams != null) {
      upstreams.forEach(u -> b.withArray("upstreams").add(u.toString()));
    }
    if (maxConnections != null) {
      b.put("maxConnections", maxConnections);
    }
    call("POST", "/proxies/" + seg(proxy), b.toString());
    return proxy(proxy);
  }

  /** Removes every toxic of every proxy on this control API. */
  public void reset() {
    call("POST", "/reset", "");
  }

  private Optional<JsonNode> call(String method, String path, String body) {
    URI uri = URI.create(base + path);
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
    b =
        body == null
            ? b.method(method, HttpRequest.BodyPublishers.noBody())
            : b.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> r;
    try {
      r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (ConnectException e) {
      throw new ProxyControlException(
          method + " " + uri + ": nothing listens there (connection refused)", 0, true, e);
    } catch (IOException e) {
      throw new ProxyControlException(
          method
              + " "
              + uri
              + ": no answer ("
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage())
              + ")",
          0,
          false,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProxyControlException(method + " " + uri + ": interrupted", 0, false, e);
    }
    if (r.statusCode() == 204) {
      return Optional.empty();
    }
    JsonNode n;
    try {
      n = JSON.readTree(r.body());
    } catch (IOException e) {
      n = null;
    }
    if (r.statusCode() / 100 != 2) {
      String why = n != null && n.hasNonNull("error") ? n.get("error").asText() : r.body();
      throw new ProxyControlException(
          method + " " + uri + " -> " + r.statusCode() + ": " + why, r.statusCode(), false, null);
    }
    if (n == null) {
      throw new ProxyControlException(
          method + " " + uri + " -> " + r.statusCode() + " but the body is not JSON: " + r.body(),
          r.statusCode(),
          false,
          null);
    }
    return Optional.of(n);
  }

  private static ProxyInfo info(JsonNode n) {
    return new ProxyInfo(
        n.path("name").asText(),
        n.path("listen").asText(),
        n.path("upstream").asText(),
        n.path("enabled").asBoolean(true),
        n.path("tls").asBoolean(false),
        n.path("connections").asInt(0),
        toxicList(n.path("toxics")));
  }

  private static List<Toxic> toxicList(JsonNode a) {
    List<Toxic> out = new ArrayList<>();
    a.forEach(t -> out.add(Toxic.fromJson(t)));
    return out;
  }

  private static String seg(String s) {
    Checks.nonBlank("name", s);
    if (!s.matches("[A-Za-z0-9._-]{1,128}")) {
      throw new IllegalArgumentException(
          "proxy and toxic names are 1-128 characters of [A-Za-z0-9._-], got \"" + s + "\"");
    }
    return s;
  }
}
