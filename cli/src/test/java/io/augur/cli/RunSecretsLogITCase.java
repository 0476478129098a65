package io.augur.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.augur.job.prometheus.PrometheusProcess;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code augur run} as a user starts it (its own JVM, a local MiniCluster), with every kind of
 * secret set: the Prometheus basic-auth password from a file, the Alertmanager password and the
 * Kafka SASL JAAS config from the environment. Prometheus and Alertmanager are real and demand the
 * credentials; the job reads from Prometheus (so the password was sent), and its Kafka clients are
 * configured with the JAAS config. Then all of its stdout and stderr (log4j at INFO, Augur's and
 * Kafka's loggers at DEBUG) is searched for every secret value and for the Authorization headers
 * built from them: none may appear.
 */
class RunSecretsLogITCase {
  private final String promPassword = "prom-" + UUID.randomUUID();
  private final String amPassword = "am-" + UUID.randomUUID();
  private final String kafkaPassword = "kafka-" + UUID.randomUUID();

  private static String bcrypt(String password) throws Exception {
    Process p =
        new ProcessBuilder(
                "perl",
                "-e",
                "print crypt($ARGV[0], '$2b$10$' . $ARGV[1])",
                password,
                "abcdefghijklmnopqrstuv")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assumeTrue(p.waitFor() == 0 && out.startsWith("$2b$"), "perl crypt() without bcrypt: " + out);
    return out;
  }

  private static Process server(Path dir, String bin, List<String> args, String name)
      throws IOException {
    List<String> cmd = new ArrayList<>(List.of(bin));
    cmd.addAll(args);
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile())
        .start();
  }

  private static int status(String url, String auth) throws Exception {
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
      if (auth != null) {
        b.header("Authorization", auth);
      }
      return HttpClient.newHttpClient()
          .send(b.build(), HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    }
  }

  private static String get(String url, String auth) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static void awaitReady(String url, String auth) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (status(url + "/-/ready", auth) == 200) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(url + " not ready");
  }

  private static String basic(String user, String pw) {
    return "Basic "
        + Base64.getEncoder().encodeToString((user + ":" + pw).getBytes(StandardCharsets.UTF_8));
  }

  /** Successful remote reads Prometheus counted. */
  private static double reads(String promUrl, String auth) throws Exception {
    return get(promUrl + "/metrics", auth)
        .lines()
        .filter(l -> l.startsWith("prometheus_http_requests_total{"))
        .filter(l -> l.contains("handler=\"/api/v1/read\"") && l.contains("code=\"200\""))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  @Test
  void shouldUseEverySecretAndPrintNone(@TempDir Path dir) throws Exception {
    String prom = PrometheusProcess.binary("prometheus");
    String am = PrometheusProcess.binary("prometheus-alertmanager");
    assumeTrue(prom != null && am != null, "prometheus and prometheus-alertmanager not installed");
    Files.writeString(
        dir.resolve("prom-web.yml"), "basic_auth_users:\n  augur: " + bcrypt(promPassword) + "\n");
    Files.writeString(
        dir.resolve("am-web.yml"), "basic_auth_users:\n  augur: " + bcrypt(amPassword) + "\n");
    Files.writeString(dir.resolve("prom.yml"), "global:\n  scrape_interval: 15s\n");
    Files.writeString(
        dir.resolve("am.yml"), "route:\n  receiver: none\nreceivers:\n  - name: none\n");
    int promPort = PrometheusProcess.freePort();
    int amPort = PrometheusProcess.freePort();
    int kafkaPort = PrometheusProcess.freePort(); // nothing listens: the clients only retry
    String promUrl = "http://127.0.0.1:" + promPort;
    String amUrl = "http://127.0.0.1:" + amPort;
    Process p =
        server(
            dir,
            prom,
            List.of(
                "--config.file=" + dir.resolve("prom.yml"),
                "--storage.tsdb.path=" + dir.resolve("prom-data"),
                "--web.listen-address=127.0.0.1:" + promPort,
                "--web.config.file=" + dir.resolve("prom-web.yml")),
            "prometheus");
    Process a =
        server(
            dir,
            am,
            List.of(
                "--config.file=" + dir.resolve("am.yml"),
                "--storage.path=" + dir.resolve("am-data"),
                "--web.listen-address=127.0.0.1:" + amPort,
                "--cluster.listen-address=",
                "--web.config.file=" + dir.resolve("am-web.yml")),
            "alertmanager");
    Process job = null;
    Path log = dir.resolve("augur-run.log");
    try {
      awaitReady(promUrl, basic("augur", promPassword));
      awaitReady(amUrl, basic("augur", amPassword));
      assertTrue(status(promUrl + "/api/v1/read", null) == 401, "Prometheus demands the password");
      assertTrue(status(amUrl + "/api/v2/status", null) == 401, "Alertmanager demands it");

      Files.writeString(dir.resolve("prom-password"), promPassword + "\n");
      Path cfg = dir.resolve("augur.yaml");
      Files.writeString(
          cfg,
          "prometheus:\n  url: "
              + promUrl
              + "\n  selectors: ['{job=\"checkout\"}']\n  basicAuthUser: augur\n"
              + "  basicAuthPasswordFile: "
              + dir.resolve("prom-password")
              + "\nalertmanager:\n  urls: ["
              + amUrl
              + "]\n  basicAuthUser: augur\n"
              + "kafka:\n  brokers: 127.0.0.1:"
              + kafkaPort
              + "\n  alertsTopic: augur-alerts\n  securityProtocol: SASL_PLAINTEXT\n"
              + "  saslMechanism: PLAIN\n"
              + "checkpoints:\n  dir: "
              + dir.resolve("cp").toUri()
              + "\njob:\n  parallelism: 1\n  deadLetters: "
              + dir.resolve("dead.jsonl")
              + "\n  metricsPort: "
              + PrometheusProcess.freePort()
              + "\n");
      Path log4j = dir.resolve("log4j2.properties");
      Files.writeString(
          log4j,
          String.join(
              "\n",
              "rootLogger.level = INFO",
              "rootLogger.appenderRef.out.ref = out",
              "appender.out.type = Console",
              "appender.out.name = out",
              "appender.out.layout.type = PatternLayout",
              "appender.out.layout.pattern = %d %p %c - %m%n",
              "logger.augur.name = io.augur",
              "logger.augur.level = DEBUG",
              "logger.kafka.name = org.apache.kafka.clients",
              "logger.kafka.level = DEBUG",
              ""));
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
          .filter(x -> x.startsWith("--add-"))
          .forEach(cmd::add);
      cmd.addAll(
          List.of(
              "-Xmx1g",
              "-Dlog4j2.configurationFile=" + log4j,
              "-cp",
              System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
              "io.augur.cli.Augur",
              "run",
              "--config",
              cfg.toString()));
      ProcessBuilder pb =
          new ProcessBuilder(cmd)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      pb.environment().put("AUGUR_ALERTMANAGER_BASIC_AUTH_PASSWORD", amPassword);
      pb.environment()
          .put(
              "AUGUR_KAFKA_SASL_JAAS_CONFIG",
              "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"augur\""
                  + " password=\""
                  + kafkaPassword
                  + "\";");
      job = pb.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
      while (System.nanoTime() < deadline
          && job.isAlive()
          && reads(promUrl, basic("augur", promPassword)) < 1) {
        Thread.sleep(500);
      }
      double reads = reads(promUrl, basic("augur", promPassword));
      Thread.sleep(3000); // a little more of the run's log
      String out = Files.readString(log);
      assertTrue(
          reads >= 1,
          "the job read from Prometheus with the password (alive "
              + job.isAlive()
              + "):\n"
              + tail(out));
      assertTrue(
          out.contains("sasl.jaas.config = [hidden]"),
          "the Kafka clients were configured with the JAAS config:\n" + tail(out));
      for (String secret :
          List.of(
              promPassword,
              amPassword,
              kafkaPassword,
              basic("augur", promPassword).substring(6),
              basic("augur", amPassword).substring(6))) {
        assertFalse(out.contains(secret), "a secret in augur run's output: " + secret);
      }
      System.out.printf(
          "augur run: %d bytes of output searched, %.0f authenticated remote reads, no secret%n",
          out.length(), reads);
    } finally {
      for (Process x : new Process[] {job, p, a}) {
        if (x != null) {
          x.destroy();
          if (!x.waitFor(20, TimeUnit.SECONDS)) {
            x.destroyForcibly().waitFor();
          }
        }
      }
    }
  }

  private static String tail(String s) {
    return s.length() < 4000 ? s : s.substring(s.length() - 4000);
  }
}
