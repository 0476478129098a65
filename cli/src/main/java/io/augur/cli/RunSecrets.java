package io.augur.cli;

import io.augur.config.AlertmanagerOptions;
import io.augur.config.AugurOptions;
import io.augur.config.Configuration;
import io.augur.config.KafkaOptions;
import io.augur.config.PrometheusOptions;
import io.augur.config.Secret;
import io.augur.job.prometheus.HttpSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The credentials {@code augur run} sends: Prometheus and Alertmanager (bearer token or basic auth,
 * TLS) and Kafka (SASL). Read through the typed catalogue, so a secret comes only from the file its
 * {@code ...File} key names (a mounted Kubernetes Secret) or from its environment variable ({@code
 * AUGUR_PROMETHEUS_BEARER_TOKEN}, {@code AUGUR_ALERTMANAGER_BASIC_AUTH_PASSWORD}, {@code
 * AUGUR_KAFKA_SASL_JAAS_CONFIG}, ...); never from a flag or a plain key in the file (refused, by
 * name), and never printed: only {@link Secret#reveal()} hands the value to the client that sends
 * it.
 */
final class RunSecrets {
  private final Configuration typed;

  private RunSecrets(Configuration typed) {
    this.typed = typed;
  }

  /**
   * The whole configuration typed and checked (file, then environment, then the one flag the
   * catalogue shares with {@code run}); a bad key or value is an {@link IllegalArgumentException}
   * listing each problem, with secrets shown as {@code ******}.
   */
  static RunSecrets read(Path config, Map<String, String> env, String prometheusUrlFlag) {
    Configuration.Builder b = AugurOptions.builder();
    if (config != null) {
      b.yaml(config);
    }
    return new RunSecrets(b.env(env).flag("--prometheus-url", prometheusUrlFlag).build());
  }

  Configuration typed() {
    return typed;
  }

  /** Prometheus remote read: auth and TLS over {@link HttpSettings#defaults()}. */
  HttpSettings prometheusHttp() {
    return http(
        HttpSettings.defaults(),
        "prometheus",
        typed.getOptional(PrometheusOptions.BEARER_TOKEN),
        typed.getOptional(PrometheusOptions.BASIC_AUTH_USER),
        typed.getOptional(PrometheusOptions.BASIC_AUTH_PASSWORD),
        typed.getOptional(PrometheusOptions.CA_FILE),
        typed.get(PrometheusOptions.INSECURE_SKIP_VERIFY));
  }

  /** The Alertmanager sink: auth and TLS over the sink's own timeouts ({@code base}). */
  HttpSettings alertmanagerHttp(HttpSettings base) {
    return http(
        base,
        "alertmanager",
        typed.getOptional(AlertmanagerOptions.BEARER_TOKEN),
        typed.getOptional(AlertmanagerOptions.BASIC_AUTH_USER),
        typed.getOptional(AlertmanagerOptions.BASIC_AUTH_PASSWORD),
        typed.getOptional(AlertmanagerOptions.CA_FILE),
        typed.get(AlertmanagerOptions.INSECURE_SKIP_VERIFY));
  }

  /**
   * {@code security.protocol}, {@code sasl.mechanism} and {@code sasl.jaas.config} for every Kafka
   * client of the job (empty for PLAINTEXT). Kafka's clients log the JAAS config as {@code
   * [hidden]}.
   */
  Properties kafkaSecurity() {
    String protocol = typed.get(KafkaOptions.SECURITY_PROTOCOL);
    Optional<Secret> jaas = typed.getOptional(KafkaOptions.SASL_JAAS_CONFIG);
    boolean sasl = protocol.startsWith("SASL_");
    if (sasl && jaas.isEmpty()) {
      throw new IllegalArgumentException(
          "kafka.securityProtocol = "
              + protocol
              + " needs kafka.saslJaasConfig: put it in the file named by kafka.saslJaasConfigFile"
              + " or in env AUGUR_KAFKA_SASL_JAAS_CONFIG");
    }
    if (!sasl && jaas.isPresent()) {
      throw new IllegalArgumentException(
          "kafka.saslJaasConfig is set ("
              + typed.origin(KafkaOptions.SASL_JAAS_CONFIG)
              + ") but kafka.securityProtocol is "
              + protocol
              + "; set kafka.securityProtocol to SASL_SSL or SASL_PLAINTEXT");
    }
    Properties p = new Properties();
    if (!protocol.equals("PLAINTEXT")) {
      p.setProperty("security.protocol", protocol);
    }
    if (sasl) {
      p.setProperty("sasl.mechanism", typed.get(KafkaOptions.SASL_MECHANISM));
      p.setProperty("sasl.jaas.config", jaas.get().reveal());
    }
    return p;
  }

  private static HttpSettings http(
      HttpSettings base,
      String section,
      Optional<Secret> token,
      Optional<String> user,
      Optional<Secret> password,
      Optional<String> caFile,
      boolean insecure) {
    HttpSettings h = base;
    if (token.isPresent() && user.isPresent()) {
      throw new IllegalArgumentException(
          section
              + ".bearerToken and "
              + section
              + ".basicAuthUser are exclusive; set one way to authenticate");
    }
    if (user.isPresent() != password.isPresent()) {
      throw new IllegalArgumentException(
          section
              + ".basicAuthUser and "
              + section
              + ".basicAuthPassword go together (the password in the file named by "
              + section
              + ".basicAuthPasswordFile); one is missing");
    }
    if (token.isPresent()) {
      h = h.withBearerToken(token.get().reveal());
    }
    if (user.isPresent()) {
      h = h.withBasicAuth(user.get(), password.get().reveal());
    }
    if (caFile.isPresent() || insecure) {
      h = h.withTls(caFile.orElse(null), insecure);
    }
    return h;
  }
}
