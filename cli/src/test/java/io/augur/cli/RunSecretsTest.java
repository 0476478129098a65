package io.augur.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.job.prometheus.HttpSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code augur run}'s credentials for all three systems: from files or the environment, refused on
 * a plain key, and never in an error message or a toString.
 */
class RunSecretsTest {
  private final String secret = "s3cr3t-" + UUID.randomUUID();

  @Test
  void shouldReadEveryCredentialFromFilesAndTheEnvironment(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("prom-pw"), secret + "-prom\n");
    Files.writeString(
        dir.resolve("jaas"),
        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"augur\""
            + " password=\""
            + secret
            + "-kafka\";\n");
    Path cfg = dir.resolve("augur.yaml");
    Files.writeString(
        cfg,
        "prometheus:\n  url: http://127.0.0.1:9090\n  basicAuthUser: augur\n"
            + "  basicAuthPasswordFile: "
            + dir.resolve("prom-pw")
            + "\nkafka:\n  brokers: 127.0.0.1:9092\n  securityProtocol: SASL_SSL\n"
            + "  saslJaasConfigFile: "
            + dir.resolve("jaas")
            + "\nalertmanager:\n  urls: [http://127.0.0.1:9093]\n");
    RunSecrets s =
        RunSecrets.read(cfg, Map.of("AUGUR_ALERTMANAGER_BEARER_TOKEN", secret + "-am"), null);

    HttpSettings prom = s.prometheusHttp();
    assertEquals(
        "Basic "
            + Base64.getEncoder().encodeToString(("augur:" + secret + "-prom").getBytes("UTF-8")),
        prom.authorization());
    HttpSettings am = s.alertmanagerHttp(HttpSettings.defaults());
    assertEquals("Bearer " + secret + "-am", am.authorization());
    Properties k = s.kafkaSecurity();
    assertEquals("SASL_SSL", k.getProperty("security.protocol"));
    assertEquals("SCRAM-SHA-512", k.getProperty("sasl.mechanism"));
    assertTrue(k.getProperty("sasl.jaas.config").contains(secret + "-kafka"));

    for (String shown : new String[] {prom.toString(), am.toString(), s.typed().toString()}) {
      assertFalse(shown.contains(secret), "a secret printed: " + shown);
    }
  }

  @Test
  void shouldRefuseASecretWrittenInTheFileWithoutEchoingIt(@TempDir Path dir) throws Exception {
    Path cfg = dir.resolve("augur.yaml");
    Files.writeString(
        cfg, "alertmanager:\n  basicAuthUser: augur\n  basicAuthPassword: " + secret + "\n");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RunSecrets.read(cfg, Map.of(), null));
    assertTrue(e.getMessage().contains("alertmanager.basicAuthPasswordFile"), e.getMessage());
    assertFalse(e.getMessage().contains(secret), e.getMessage());
  }

  @Test
  void shouldRefuseSaslWithoutJaasAndJaasWithoutSasl(@TempDir Path dir) throws Exception {
    Path cfg = dir.resolve("augur.yaml");
    Files.writeString(cfg, "kafka:\n  brokers: b:9092\n  securityProtocol: SASL_PLAINTEXT\n");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> RunSecrets.read(cfg, Map.of(), null).kafkaSecurity());
    assertTrue(e.getMessage().contains("AUGUR_KAFKA_SASL_JAAS_CONFIG"), e.getMessage());

    Files.writeString(cfg, "kafka:\n  brokers: b:9092\n");
    IllegalArgumentException plain =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                RunSecrets.read(cfg, Map.of("AUGUR_KAFKA_SASL_JAAS_CONFIG", secret), null)
                    .kafkaSecurity());
    assertTrue(plain.getMessage().contains("kafka.securityProtocol"), plain.getMessage());
    assertFalse(plain.getMessage().contains(secret), plain.getMessage());
    assertEquals(new Properties(), RunSecrets.read(cfg, Map.of(), null).kafkaSecurity());
  }
}
