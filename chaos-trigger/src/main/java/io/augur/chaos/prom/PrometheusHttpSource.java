package io.augur.chaos.prom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.augur.domain.Checks;
import io.augur.domain.Sleeper;
import io.augur.json.Wire;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalDouble;

/**
 * Instant queries against Prometheus' HTTP API ({@code GET /api/v1/query?query=...}) with {@code
 * java.net.http}. Connection errors, 5xx and 429 are retried up to {@code maxAttempts} times with
 * exponential backoff (initial delay doubled each time); 4xx (a bad query) is not retried. The
 * sleeper is injected so tests do not wait.
 */
public final class PrometheusHttpSource implements MetricsSource {
  private static final ObjectMapper JSON = Wire.EXTERNAL;

  private final URI base;
  private final HttpClient http;
  private final Duration timeout;
  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Sleeper sleeper;
  private final CircuitBreaker breaker;

  public PrometheusHttpSource(
      URI base, Duration timeout, int maxAttempts, Duration initialBackoff, Sleeper sleeper) {
    this(base, timeout, maxAttempts, initialBackoff, sleeper, CircuitBreaker.disabled());
  }

  /**
   * With a circuit breaker: a query whose attempts all fail (unreachable, 5xx, 429) counts as one
   * failure; while the circuit is open queries fail fast without touching the network.
   */
  public PrometheusHttpSource(
      URI base,
      Duration timeout,
      int maxAttempts,
      Duration initialBackoff,
      Sleeper sleeper,
      CircuitBreaker breaker) {
    this.base = Checks.nonNull("base", base);
    this.timeout = Checks.nonNull("timeout", timeout);
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
    }
    this.maxAttempts = maxAttempts;
    this.initialBackoff = Checks.nonNull("initialBackoff", initialBackoff);
    this.sleeper = Checks.nonNull("sleeper", sleeper);
    this.breaker = Checks.nonNull("breaker", breaker);
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /**
   * 5 s timeout, 3 attempts, 200 ms initial backoff, real sleeping; circuit opens 30 s after 3
   * failed queries.
   */
  public static PrometheusHttpSource of(URI base) {
    return new PrometheusHttpSource(
        base,
        Duration.ofSeconds(5),
        3,
        Duration.ofMillis(200),
        d -> Thread.sleep(d.toMillis()),
        new CircuitBreaker(3, Duration.ofSeconds(30), java.time.Clock.systemUTC()));
  }

  @Override
  public OptionalDouble query(String promql) {
    Checks.nonBlank("promql", promql);
    String root = base.toString().endsWith("/") ? base.toString() : base + "/";
    URI uri =
        URI.create(
            root + "api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    if (!breaker.allows()) {
      throw new MetricsUnavailableException(
          "circuit open for Prometheus at " + base + " after repeated failures");
    }
    HttpRequest req = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
    Duration backoff = initialBackoff;
    String last = "";
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      try {
        HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
        int code = resp.statusCode();
        if (code == 200) {
          breaker.onSuccess();
          return parse(promql, resp.body());
        }
        last = "HTTP " + code + ": " + abbreviate(resp.body());
        if (code != 429 && code < 500) {
          breaker.onSuccess(); // the server answered: the endpoint is up, the query is wrong
          throw new MetricsUnavailableException(
              "Prometheus refused query " + promql + " (" + last + ")");
        }
      } catch (IOException e) {
        last = e.getClass().getSimpleName() + ": " + e.getMessage();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new MetricsUnavailableException("interrupted while querying " + uri, e);
      }
      if (attempt < maxAttempts) {
        try {
          sleeper.sleep(backoff);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new MetricsUnavailableException("interrupted while backing off for " + uri, e);
        }
        backoff = backoff.multipliedBy(2);
      }
    }
    breaker.onFailure();
    throw new MetricsUnavailableException(
        "Prometheus at "
            + base
            + " did not answer "
            + promql
            + " after "
            + maxAttempts
            + " attempts ("
            + last
            + ")");
  }

  static OptionalDouble parse(String promql, String body) {
    try {
      JsonNode root = JSON.readTree(body);
      if (!"success".equals(root.path("status").asText())) {
        throw new MetricsUnavailableException("query " + promql + " failed: " + abbreviate(body));
      }
      JsonNode data = root.path("data");
      String type = data.path("resultType").asText();
      JsonNode result = data.path("result");
      switch (type) {
        case "scalar":
          return OptionalDouble.of(value(result));
        case "vector":
          double max = Double.NEGATIVE_INFINITY;
          for (JsonNode series : result) {
            max = Math.max(max, value(series.path("value")));
          }
          return result.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(max);
        default:
          throw new MetricsUnavailableException(
              "query " + promql + " returned a " + type + ", need scalar or vector");
      }
    } catch (IOException e) {
      throw new MetricsUnavailableException(
          "unparseable answer to " + promql + ": " + abbreviate(body), e);
    }
  }

  private static double value(JsonNode pair) {
    double v = Double.parseDouble(pair.path(1).asText("NaN"));
    if (Double.isNaN(v)) {
      throw new MetricsUnavailableException("sample value is not a number: " + pair);
    }
    return v;
  }

  private static String abbreviate(String s) {
    return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }
}
