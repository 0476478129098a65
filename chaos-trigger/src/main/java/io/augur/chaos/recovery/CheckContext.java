package io.augur.chaos.recovery;

import io.augur.chaos.prom.MetricsSource;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * What checks evaluate against: a metrics source for PromQL (null when none is configured: PromQL
 * checks then never hold and say why) and an HTTP client for probes.
 */
public record CheckContext(MetricsSource metrics, HttpClient http) {
  public CheckContext {
    http =
        http == null
            ? HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build()
            : http;
  }

  public static CheckContext of(MetricsSource metrics) {
    return new CheckContext(metrics, null);
  }
}
