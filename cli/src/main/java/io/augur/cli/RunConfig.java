package io.augur.cli;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.augur.json.Wire;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code augur run}'s configuration file (YAML). Every key is optional; flags override the file. An
 * unknown key is an error naming it, so a typo never silently falls back to a default. See {@code
 * deploy/augur.yaml} for a documented example.
 */
public record RunConfig(
    Prometheus prometheus,
    Kafka kafka,
    Alertmanager alertmanager,
    Model model,
    Checkpoints checkpoints,
    Job job,
    Chaos chaos) {

  /** Samples from Prometheus remote read. */
  @JsonIgnoreProperties(ignoreUnknown = false)
  public record Prometheus(
      String url,
      List<String> selectors,
      String step,
      String lag,
      String start,
      String bearerTokenFile,
      String basicAuthUser,
      String basicAuthPasswordFile,
      String caFile,
      Boolean insecureSkipVerify) {}

  /**
   * Samples from, and alerts, dead letters and chaos targets to, Kafka. {@code
   * transactionalIdPrefix}: the exactly-once sinks' transactional ids start with it (default {@code
   * augur-<alertsTopic>}); two jobs writing at once must not share one, or they fence each other's
   * transactions.
   */
  public record Kafka(
      String brokers,
      List<String> samplesTopics,
      String groupId,
      String alertsTopic,
      String chaosTopic,
      String deadLettersTopic,
      String transactionalIdPrefix,
      String securityProtocol,
      String saslMechanism,
      String saslJaasConfigFile) {}

  /**
   * Alertmanager v2 endpoints (all of an HA set), and how to authenticate to them (secrets only
   * through {@code ...File} keys or the environment: {@link RunSecrets}).
   */
  public record Alertmanager(
      List<String> urls,
      String generatorUrl,
      String bearerTokenFile,
      String basicAuthUser,
      String basicAuthPasswordFile,
      String caFile,
      Boolean insecureSkipVerify) {}

  /**
   * The model bundle to score with (without one: the skeleton baseline), and a directory watched
   * for new ones.
   */
  public record Model(String bundle, String watch) {}

  /** Checkpoint storage (a URI such as file:///var/augur/checkpoints or s3://bucket/augur). */
  public record Checkpoints(String dir, String interval, String restoreFrom) {}

  /** Job-wide settings. */
  public record Job(
      Integer parallelism, List<String> componentLabels, String deadLetters, Integer metricsPort) {}

  /**
   * Chaos targets to {@code kafka.chaosTopic}: a planning round every {@code every} over the latest
   * predictions. The other {@code chaos.*} keys are read (and unknown ones refused, by name) by the
   * typed catalogue, {@code io.augur.config.ChaosOptions}.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Chaos(String every, Integer maxTargets, List<String> namespaces) {}

  public static RunConfig empty() {
    return new RunConfig(null, null, null, null, null, null, null);
  }

  public static RunConfig read(Path file) throws IOException {
    ObjectMapper yaml = Wire.USER_YAML;
    RunConfig c = yaml.readValue(file.toFile(), RunConfig.class);
    return c == null ? empty() : c;
  }
}
