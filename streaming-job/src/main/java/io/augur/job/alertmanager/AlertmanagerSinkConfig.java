package io.augur.job.alertmanager;

import io.augur.domain.Backoff;
import io.augur.job.prometheus.HttpSettings;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * The Alertmanager sink's configuration.
 *
 * @param urls every Alertmanager of the HA set (each gets every alert), e.g. {@code
 *     http://am-0:9093}
 * @param http auth, TLS and timeouts (its retry count is not used: the sink retries forever, per
 *     endpoint)
 * @param backoff per-endpoint delay between failed posts
 * @param resendInterval how often an active alert is repeated
 * @param validFor the {@code endsAt} horizon of a firing alert on each send (> resendInterval)
 * @param resolvedRetention how long a resolved alert keeps being sent
 * @param maxAlerts bound of the checkpointed buffer (active + resolved alerts)
 * @param tickInterval how often the writer checks for due sends
 * @param generatorUrl base of each alert's {@code generatorURL} (e.g. the Flink UI), may be empty
 */
public record AlertmanagerSinkConfig(
    List<String> urls,
    HttpSettings http,
    Backoff backoff,
    Duration resendInterval,
    Duration validFor,
    Duration resolvedRetention,
    int maxAlerts,
    Duration tickInterval,
    String generatorUrl)
    implements Serializable {

  public AlertmanagerSinkConfig {
    if (urls == null || urls.isEmpty()) {
      throw new IllegalArgumentException("urls must name at least one Alertmanager, got " + urls);
    }
    urls = List.copyOf(urls);
    for (String u : urls) {
      new AlertmanagerClient(u, HttpSettings.defaults()); // validates the URL
    }
    if (http == null || backoff == null) {
      throw new IllegalArgumentException("http and backoff must not be null");
    }
    new AlertLifecycle(
        resendInterval, validFor, resolvedRetention, maxAlerts, generatorUrl); // validates
    if (tickInterval == null || tickInterval.isZero() || tickInterval.isNegative()) {
      throw new IllegalArgumentException("tickInterval must be > 0, got " + tickInterval);
    }
    generatorUrl = generatorUrl == null ? "" : generatorUrl;
  }

  /**
   * Prometheus-like defaults: resend 1 min, valid 4 min, resolved kept 15 min, 10k alerts, 1 s
   * ticks, backoff 0.5 s .. 30 s.
   */
  public static AlertmanagerSinkConfig of(List<String> urls, String generatorUrl) {
    return new AlertmanagerSinkConfig(
        urls,
        HttpSettings.defaults().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10)),
        Backoff.of(Duration.ofMillis(500), Duration.ofSeconds(30)),
        Duration.ofMinutes(1),
        Duration.ofMinutes(4),
        Duration.ofMinutes(15),
        10_000,
        Duration.ofSeconds(1),
        generatorUrl);
  }

  public AlertmanagerSinkConfig withTiming(
      Duration resend, Duration valid, Duration tick, Backoff b) {
    return new AlertmanagerSinkConfig(
        urls, http, b, resend, valid, resolvedRetention, maxAlerts, tick, generatorUrl);
  }

  /**
   * The same sink with other auth, TLS and timeouts (e.g. a bearer token from a mounted Secret).
   */
  public AlertmanagerSinkConfig withHttp(HttpSettings h) {
    return new AlertmanagerSinkConfig(
        urls,
        h,
        backoff,
        resendInterval,
        validFor,
        resolvedRetention,
        maxAlerts,
        tickInterval,
        generatorUrl);
  }

  AlertLifecycle newLifecycle() {
    return new AlertLifecycle(resendInterval, validFor, resolvedRetention, maxAlerts, generatorUrl);
  }
}
