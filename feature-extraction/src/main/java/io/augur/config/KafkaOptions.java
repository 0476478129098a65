package io.augur.config;

import static io.augur.config.ConfigOptions.key;

import java.util.List;

/**
 * {@code kafka.*}: samples from, and alerts and chaos targets to, Kafka (defaults of {@code augur
 * run} today).
 */
public final class KafkaOptions {
  private KafkaOptions() {}

  public static final ConfigOption<String> BROKERS =
      key("kafka.brokers")
          .stringType()
          .noDefaultValue()
          .withValidator(Validator.nonBlank())
          .withFlag("--kafka-brokers")
          .withDescription("Bootstrap servers, e.g. kafka.augur.svc:9092.");
  public static final ConfigOption<List<String>> SAMPLES_TOPICS =
      key("kafka.samplesTopics")
          .stringListType()
          .defaultValue(List.of())
          .withFlag("--samples-topic")
          .withDescription(
              "Topics with prometheus-kafka-adapter JSON samples: the input when no Prometheus is given.");
  public static final ConfigOption<String> GROUP_ID =
      key("kafka.groupId")
          .stringType()
          .defaultValue("augur")
          .withValidator(Validator.nonBlank())
          .withDescription("Consumer group of the samples reader.");
  public static final ConfigOption<String> ALERTS_TOPIC =
      key("kafka.alertsTopic")
          .stringType()
          .noDefaultValue()
          .withValidator(Validator.nonBlank())
          .withFlag("--alerts-topic")
          .withDescription(
              "Topic for alerts, written exactly once (read it with isolation.level=read_committed).");
  public static final ConfigOption<String> CHAOS_TOPIC =
      key("kafka.chaosTopic")
          .stringType()
          .noDefaultValue()
          .withValidator(Validator.nonBlank())
          .withDescription(
              "Topic for chaos targets; with chaos.namespaces it turns the chaos planner on.");

  public static final ConfigOption<String> DEAD_LETTERS_TOPIC =
      key("kafka.deadLettersTopic")
          .stringType()
          .noDefaultValue()
          .withValidator(Validator.nonBlank())
          .withDescription(
              "Topic for dead letters, written exactly once (optional; the file sink is per TaskManager).");
  public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX =
      key("kafka.transactionalIdPrefix")
          .stringType()
          .noDefaultValue()
          .withValidator(Validator.nonBlank())
          .withDescription(
              "Prefix of the exactly-once sinks' transactional ids (-alerts, -deadletters, -chaos are added);"
                  + " unique per job writing to the cluster. Default: augur-<alertsTopic>.");

  public static final ConfigOption<String> SECURITY_PROTOCOL =
      key("kafka.securityProtocol")
          .stringType()
          .defaultValue("PLAINTEXT")
          .withValidator(Validator.oneOf("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"))
          .withDescription(
              "Kafka's security.protocol for every client of the job (source and sinks).");
  public static final ConfigOption<String> SASL_MECHANISM =
      key("kafka.saslMechanism")
          .stringType()
          .defaultValue("SCRAM-SHA-512")
          .withValidator(
              Validator.oneOf("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512", "OAUTHBEARER", "GSSAPI"))
          .withDescription("Kafka's sasl.mechanism, with a SASL_* kafka.securityProtocol.");
  public static final ConfigOption<Secret> SASL_JAAS_CONFIG =
      key("kafka.saslJaasConfig")
          .secretType()
          .noDefaultValue()
          .withDescription(
              "Kafka's sasl.jaas.config (it holds the password), e.g. `org.apache.kafka.common.security."
                  + "scram.ScramLoginModule required username=\"augur\" password=\"...\";`; required by a "
                  + "SASL_* kafka.securityProtocol. Kafka's clients log it as [hidden].");

  public static final List<ConfigOption<?>> ALL =
      List.of(
          BROKERS,
          SAMPLES_TOPICS,
          GROUP_ID,
          ALERTS_TOPIC,
          CHAOS_TOPIC,
          DEAD_LETTERS_TOPIC,
          TRANSACTIONAL_ID_PREFIX,
          SECURITY_PROTOCOL,
          SASL_MECHANISM,
          SASL_JAAS_CONFIG);
}
