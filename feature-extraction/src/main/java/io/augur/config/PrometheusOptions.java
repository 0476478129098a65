package io.augur.config;

import static io.augur.config.ConfigOptions.key;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code prometheus.*}: the remote-read input. Defaults are those of {@code
 * RemoteReadSourceConfig.continuous} and {@code HttpSettings.defaults()}, which {@code augur run}
 * uses today.
 */
public final class PrometheusOptions {
  private PrometheusOptions() {}

  public static final ConfigOption<URI> URL =
      key("prometheus.url")
          .uriType()
          .noDefaultValue()
          .withFlag("--prometheus-url")
          .withDescription(
              "Prometheus base URL for remote read (`<url>/api/v1/read`), e.g. `http://127.0.0.1:9090`. "
                  + "With prometheus.selectors it is the job's input.");
  public static final ConfigOption<List<String>> SELECTORS =
      key("prometheus.selectors")
          .stringListType()
          .defaultValue(List.of())
          .withFlag("--selector")
          .withDescription(
              "Series selectors to read, one split (reader) each, e.g. `'{job=\"checkout\"}'`.");
  public static final ConfigOption<Duration> STEP =
      key("prometheus.step")
          .durationType()
          .defaultValue(Duration.ofMinutes(1))
          .withValidator(Validator.positive())
          .withDescription("Read in windows of this length.");
  public static final ConfigOption<Duration> LAG =
      key("prometheus.lag")
          .durationType()
          .defaultValue(Duration.ofSeconds(30))
          .withValidator(Validator.atLeast(Duration.ZERO))
          .withDescription(
              "Stay this far behind now, so a window is complete when read (at least the scrape "
                  + "interval plus the remote-write delay).");
  public static final ConfigOption<Duration> POLL_INTERVAL =
      key("prometheus.pollInterval")
          .durationType()
          .defaultValue(Duration.ofSeconds(5))
          .withValidator(Validator.positive())
          .withDescription("How often a caught-up reader asks again.");
  public static final ConfigOption<Duration> RETRY_CAP =
      key("prometheus.retryCap")
          .durationType()
          .defaultValue(Duration.ofSeconds(30))
          .withValidator(Validator.positive())
          .withDescription(
              "The longest wait before re-reading a window that failed with a retryable error.");
  public static final ConfigOption<Instant> START =
      key("prometheus.start")
          .instantType()
          .noDefaultValue()
          .withDescription(
              "First timestamp to read; when unset, 10 minutes before the job starts.");
  public static final ConfigOption<Boolean> STREAMED =
      key("prometheus.streamed")
          .booleanType()
          .defaultValue(true)
          .withDescription("Ask for STREAMED_XOR_CHUNKS first (SAMPLES otherwise).");
  public static final ConfigOption<Secret> BEARER_TOKEN =
      key("prometheus.bearerToken")
          .secretType()
          .noDefaultValue()
          .withDescription("Bearer token; exclusive with basic auth.");
  public static final ConfigOption<String> BASIC_AUTH_USER =
      key("prometheus.basicAuthUser")
          .stringType()
          .noDefaultValue()
          .withValidator(Validator.nonBlank())
          .withDescription("Basic-auth user; needs prometheus.basicAuthPassword.");
  public static final ConfigOption<Secret> BASIC_AUTH_PASSWORD =
      key("prometheus.basicAuthPassword")
          .secretType()
          .noDefaultValue()
          .withDescription("Basic-auth password.");
  public static final ConfigOption<String> CA_FILE =
      key("prometheus.caFile")
          .stringType()
          .noDefaultValue()
          .withValidator(Validator.nonBlank())
          .withDescription("PEM file with the CA certificates to trust; unset: the JDK's.");
  public static final ConfigOption<Boolean> INSECURE_SKIP_VERIFY =
      key("prometheus.insecureSkipVerify")
          .booleanType()
          .defaultValue(false)
          .withDescription("Trust any certificate and host name (tests and labs only).");
  public static final ConfigOption<Duration> CONNECT_TIMEOUT =
      key("prometheus.connectTimeout")
          .durationType()
          .defaultValue(Duration.ofSeconds(5))
          .withValidator(Validator.positive())
          .withDescription("TCP/TLS connect timeout.");
  public static final ConfigOption<Duration> REQUEST_TIMEOUT =
      key("prometheus.requestTimeout")
          .durationType()
          .defaultValue(Duration.ofSeconds(30))
          .withValidator(Validator.positive())
          .withDescription("Whole-response timeout (headers and body).");
  public static final ConfigOption<Integer> MAX_ATTEMPTS =
      key("prometheus.maxAttempts")
          .intType()
          .defaultValue(4)
          .withValidator(Validator.atLeast(1))
          .withDescription("Attempts per request; 1 = no retry.");
  public static final ConfigOption<Duration> BACKOFF_INITIAL =
      key("prometheus.backoffInitial")
          .durationType()
          .defaultValue(Duration.ofMillis(200))
          .withValidator(Validator.positive())
          .withDescription("First delay between attempts; it doubles up to prometheus.backoffMax.");
  public static final ConfigOption<Duration> BACKOFF_MAX =
      key("prometheus.backoffMax")
          .durationType()
          .defaultValue(Duration.ofSeconds(10))
          .withValidator(Validator.positive())
          .withDescription("Longest delay between attempts.");

  public static final List<ConfigOption<?>> ALL =
      List.of(
          URL,
          SELECTORS,
          STEP,
          LAG,
          POLL_INTERVAL,
          RETRY_CAP,
          START,
          STREAMED,
          BEARER_TOKEN,
          BASIC_AUTH_USER,
          BASIC_AUTH_PASSWORD,
          CA_FILE,
          INSECURE_SKIP_VERIFY,
          CONNECT_TIMEOUT,
          REQUEST_TIMEOUT,
          MAX_ATTEMPTS,
          BACKOFF_INITIAL,
          BACKOFF_MAX);
}
