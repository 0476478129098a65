package io.augur.config;

import static io.augur.config.ConfigOptions.key;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * {@code alertmanager.*}: the Alertmanager sink. Defaults are {@code AlertmanagerSinkConfig.of}'s,
 * and the generator URL {@code augur run}'s.
 */
public final class AlertmanagerOptions {
  private AlertmanagerOptions() {}

  public static final ConfigOption<List<String>> URLS =
      key("alertmanager.urls")
          .stringListType()
          .defaultValue(List.of())
          .withFlag("--alertmanager-url")
          .withDescription(
              "Every Alertmanager of the HA set (each gets every alert); none: no Alertmanager sink.");
  public static final ConfigOption<URI> GENERATOR_URL =
      key("alertmanager.generatorUrl")
          .uriType()
          .defaultValue(URI.create("http://127.0.0.1:8081"))
          .withDescription("Base of each alert's generatorURL, e.g. the Flink UI.");
  public static final ConfigOption<Duration> RESEND_INTERVAL =
      key("alertmanager.resendInterval")
          .durationType()
          .defaultValue(Duration.ofMinutes(1))
          .withValidator(Validator.positive())
          .withDescription("How often an active alert is sent again.");
  public static final ConfigOption<Duration> VALID_FOR =
      key("alertmanager.validFor")
          .durationType()
          .defaultValue(Duration.ofMinutes(4))
          .withValidator(Validator.positive())
          .withDescription(
              "The endsAt horizon of a firing alert on each send (longer than alertmanager.resendInterval).");
  public static final ConfigOption<Duration> RESOLVED_RETENTION =
      key("alertmanager.resolvedRetention")
          .durationType()
          .defaultValue(Duration.ofMinutes(15))
          .withValidator(Validator.positive())
          .withDescription("How long a resolved alert keeps being sent.");
  public static final ConfigOption<Integer> MAX_ALERTS =
      key("alertmanager.maxAlerts")
          .intType()
          .defaultValue(10_000)
          .withValidator(Validator.atLeast(1))
          .withDescription("Bound of the checkpointed buffer (active and resolved alerts).");
  public static final ConfigOption<Duration> TICK_INTERVAL =
      key("alertmanager.tickInterval")
          .durationType()
          .defaultValue(Duration.ofSeconds(1))
          .withValidator(Validator.positive())
          .withDescription("How often the writer checks for due sends.");
  public static final ConfigOption<Duration> CONNECT_TIMEOUT =
      key("alertmanager.connectTimeout")
          .durationType()
          .defaultValue(Duration.ofSeconds(5))
          .withValidator(Validator.positive())
          .withDescription("Connect timeout.");
  public static final ConfigOption<Duration> REQUEST_TIMEOUT =
      key("alertmanager.requestTimeout")
          .durationType()
          .defaultValue(Duration.ofSeconds(10))
          .withValidator(Validator.positive())
          .withDescription("Request timeout.");
  public static final ConfigOption<Duration> BACKOFF_INITIAL =
      key("alertmanager.backoffInitial")
          .durationType()
          .defaultValue(Duration.ofMillis(500))
          .withValidator(Validator.positive())
          .withDescription(
              "First delay after a failed post to one endpoint; it doubles up to alertmanager.backoffMax "
                  + "(the sink retries forever).");
  public static final ConfigOption<Duration> BACKOFF_MAX =
      key("alertmanager.backoffMax")
          .durationType()
          .defaultValue(Duration.ofSeconds(30))
          .withValidator(Validator.positive())
          .withDescription("Longest delay between posts to a failing endpoint.");

  public static final ConfigOption<Secret> BEARER_TOKEN =
      key("alertmanager.bearerToken")
          .secretType()
          .noDefaultValue()
          .withDescription(
              "Bearer token sent to every Alertmanager (e.g. behind an authenticating proxy); exclusive "
                  + "with basic auth.");
  public static final ConfigOption<String> BASIC_AUTH_USER =
      key("alertmanager.basicAuthUser")
          .stringType()
          .noDefaultValue()
          .withValidator(Validator.nonBlank())
          .withDescription(
              "Basic-auth user (Alertmanager's --web.config.file); needs alertmanager.basicAuthPassword.");
  public static final ConfigOption<Secret> BASIC_AUTH_PASSWORD =
      key("alertmanager.basicAuthPassword")
          .secretType()
          .noDefaultValue()
          .withDescription("Basic-auth password.");
  public static final ConfigOption<String> CA_FILE =
      key("alertmanager.caFile")
          .stringType()
          .noDefaultValue()
          .withValidator(Validator.nonBlank())
          .withDescription("PEM file with the CA certificates to trust; unset: the JDK's.");
  public static final ConfigOption<Boolean> INSECURE_SKIP_VERIFY =
      key("alertmanager.insecureSkipVerify")
          .booleanType()
          .defaultValue(false)
          .withDescription("Trust any certificate and host name (tests and labs only).");

  public static final List<ConfigOption<?>> ALL =
      List.of(
          URLS,
          GENERATOR_URL,
          RESEND_INTERVAL,
          VALID_FOR,
          RESOLVED_RETENTION,
          MAX_ALERTS,
          TICK_INTERVAL,
          CONNECT_TIMEOUT,
          REQUEST_TIMEOUT,
          BACKOFF_INITIAL,
          BACKOFF_MAX,
          BEARER_TOKEN,
          BASIC_AUTH_USER,
          BASIC_AUTH_PASSWORD,
          CA_FILE,
          INSECURE_SKIP_VERIFY);
}
