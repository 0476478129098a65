package io.augur.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigurationTest {
  private static List<String> problems(Configuration.Builder b) {
    return assertThrows(ConfigException.class, b::build).problems();
  }

  @Test
  void shouldUseTheDefaultsWhenNothingIsSet() {
    Configuration c = AugurOptions.builder().build();
    assertEquals(Duration.ofMinutes(1), c.get(PrometheusOptions.STEP));
    assertEquals(12, c.get(AlertOptions.FOR_STEPS));
    assertEquals(0.7, c.get(AlertOptions.MEDIUM_AT));
    assertEquals(0.9, c.get(AlertOptions.HIGH_ABOVE));
    assertEquals("default", c.origin(PrometheusOptions.STEP));
    assertFalse(c.isSet(PrometheusOptions.STEP));
    assertTrue(c.getOptional(PrometheusOptions.URL).isEmpty());
    NoSuchElementException e =
        assertThrows(NoSuchElementException.class, () -> c.get(PrometheusOptions.URL));
    assertEquals("prometheus.url is not set and has no default", e.getMessage());
  }

  @Test
  void shouldLayerDefaultsThenFileThenEnvironmentThenFlags() {
    String yaml =
        "prometheus:\n  step: 2m\n  lag: 1m\n  pollInterval: 7s\njob:\n  parallelism: 3\n";
    Configuration c =
        AugurOptions.builder()
            .flag("--parallelism", "8")
            .env(Map.of("AUGUR_PROMETHEUS_LAG", "45s", "AUGUR_PROMETHEUS_POLL_INTERVAL", "9s"))
            .set("prometheus.pollInterval=11s")
            .yaml(yaml, "augur.yaml")
            .build();
    assertEquals(Duration.ofMinutes(2), c.get(PrometheusOptions.STEP));
    assertEquals("augur.yaml:2", c.origin(PrometheusOptions.STEP));
    assertEquals(Duration.ofSeconds(45), c.get(PrometheusOptions.LAG));
    assertEquals("env AUGUR_PROMETHEUS_LAG", c.origin(PrometheusOptions.LAG));
    assertEquals(Duration.ofSeconds(11), c.get(PrometheusOptions.POLL_INTERVAL));
    assertEquals("flag --set prometheus.pollInterval", c.origin(PrometheusOptions.POLL_INTERVAL));
    assertEquals(8, c.get(JobOptions.PARALLELISM));
    assertEquals("flag --parallelism", c.origin(JobOptions.PARALLELISM));
    assertEquals(Duration.ofSeconds(30), c.get(PrometheusOptions.RETRY_CAP));
  }

  @Test
  void shouldLetALaterFileOverrideAnEarlierOne() {
    Configuration c =
        AugurOptions.builder()
            .yaml("job:\n  parallelism: 3\n", "base.yaml")
            .tree(Map.of("job", Map.of("parallelism", 5)), "overlay.yaml")
            .build();
    assertEquals(5, c.get(JobOptions.PARALLELISM));
    assertEquals("overlay.yaml", c.origin(JobOptions.PARALLELISM));
    assertEquals(
        List.of(
            "job.parallelism = \"many\" (overlay.yaml): expected an integer such as 4",
            "job.componentLabels = [{a=1}] (overlay.yaml): expected a list of strings such as [a, b] (a,b in environment "
                + "and flags)"),
        problems(
            AugurOptions.builder()
                .tree(Map.of("job", Map.of("parallelism", "many")), "overlay.yaml")
                .tree(
                    Map.of("job", Map.of("componentLabels", List.of(Map.of("a", 1)))),
                    "overlay.yaml")));
  }

  @Test
  void shouldReportABadDurationInOneLineNamingKeyValueOriginAndExpectation() {
    assertEquals(
        List.of(
            "prometheus.step = \"abc\" (augur.yaml:2): expected a duration such as 30s, 1m or PT1M"),
        problems(AugurOptions.builder().yaml("prometheus:\n  step: abc\n", "augur.yaml")));
    assertEquals(
        List.of(
            "prometheus.step = \"abc\" (env AUGUR_PROMETHEUS_STEP): expected a duration such as 30s, 1m or PT1M"),
        problems(AugurOptions.builder().env(Map.of("AUGUR_PROMETHEUS_STEP", "abc"))));
    assertEquals(
        List.of(
            "prometheus.step = \"abc\" (flag --set prometheus.step): expected a duration such as 30s, 1m or PT1M"),
        problems(AugurOptions.builder().set("prometheus.step=abc")));
  }

  @Test
  void shouldReportEveryBadValueOfEveryTypeTogether() {
    String yaml =
        """
        prometheus:
          url: not a uri
          streamed: yes
          start: yesterday
        job:
          parallelism: four
          componentLabels: []
          metricsPort: 70000
        alerts:
          mediumAt: 1.5
        checkpoints:
          backend: leveldb
        chaos:
          criticalWindows: [weekdays]
          maxShare: 0
        """;
    List<String> p =
        problems(
            AugurOptions.builder()
                .yaml(yaml, "augur.yaml")
                .env(Map.of("AUGUR_KAFKA_GROUP_ID", " "))
                .flag("--alertmanager-url", List.of("http://a:9093"))
                .set("model.maxBatch=0"));
    assertEquals(
        List.of(
            "prometheus.url = \"not a uri\" (augur.yaml:2): expected an absolute URI such as http://prometheus:9090 or s3://bucket/path",
            "prometheus.start = \"yesterday\" (augur.yaml:4): expected an ISO-8601 instant such as 2026-11-26T00:00:00Z",
            "prometheus.streamed = \"yes\" (augur.yaml:3): expected true or false",
            "kafka.groupId = \" \" (env AUGUR_KAFKA_GROUP_ID): expected a string that is not empty",
            "model.maxBatch = \"0\" (flag --set model.maxBatch): expected an integer >= 1",
            "checkpoints.backend = \"leveldb\" (augur.yaml:12): expected one of rocksdb, hashmap",
            "job.parallelism = \"four\" (augur.yaml:6): expected an integer such as 4",
            "job.componentLabels = [] (augur.yaml:7): expected a list that is not empty",
            "job.metricsPort = \"70000\" (augur.yaml:8): expected an integer within [1, 65525]",
            "alerts.mediumAt = \"1.5\" (augur.yaml:10): expected a number within (0, 1)",
            "chaos.maxShare = \"0\" (augur.yaml:15): expected a number within (0, 1]",
            "chaos.criticalWindows = [weekdays] (augur.yaml:14): expected a list whose items look like \"MON-FRI 09:00-17:00 UTC\""),
        p);
  }

  @Test
  void shouldReportAFlagNamedValueAsComingFromThatFlag() {
    assertEquals(
        List.of("job.parallelism = \"0\" (flag --parallelism): expected an integer >= 1"),
        problems(AugurOptions.builder().flag("--parallelism", "0")));
    assertThrows(
        IllegalArgumentException.class, () -> AugurOptions.builder().flag("--no-such-flag", "x"));
  }

  @Test
  void shouldReportABadValueEvenWhenAHigherLayerOverridesIt() {
    assertEquals(
        List.of("job.parallelism = \"x\" (augur.yaml:2): expected an integer such as 4"),
        problems(
            AugurOptions.builder()
                .yaml("job:\n  parallelism: x\n", "augur.yaml")
                .flag("--parallelism", "3")));
  }

  @Test
  void shouldRefuseUnknownKeysAndSuggestTheNearestOne() {
    String yaml =
        "prometheus:\n  stpe: 1m\n  url: http://p:9090\nkafka:\n  grupId: g\njob:\n  groupId: g\nalert:\n  forSteps: 3\n";
    List<String> p =
        problems(
            AugurOptions.builder()
                .yaml(yaml, "augur.yaml")
                .env(
                    Map.of(
                        "AUGUR_PROMETHEUS_STPE",
                        "1m",
                        "AUGUR_JAVA_OPTS",
                        "-Xmx1g",
                        "AUGUR_DATASETS",
                        "/d"))
                .set("job.paralelism=3")
                .set("nonsense"));
    assertEquals(
        List.of(
            "unknown key prometheus.stpe (augur.yaml:2); did you mean prometheus.step?",
            "unknown key kafka.grupId (augur.yaml:5); did you mean kafka.groupId?",
            "unknown key job.groupId (augur.yaml:7); did you mean kafka.groupId?",
            "unknown key alert.forSteps (augur.yaml:9); did you mean alerts.forSteps?",
            "unknown environment variable AUGUR_PROMETHEUS_STPE; did you mean AUGUR_PROMETHEUS_STEP?",
            "unknown key job.paralelism (flag --set job.paralelism); did you mean job.parallelism?",
            "--set nonsense: expected key=value, e.g. --set prometheus.step=30s"),
        p);
  }

  @Test
  void shouldReportAYamlSyntaxProblemAlongWithTheBadValues() {
    List<String> p =
        problems(
            AugurOptions.builder()
                .yaml("job:\n  parallelism: x\n  deadLetters: [unclosed\n", "augur.yaml"));
    assertEquals(2, p.size(), String.join("\n", p));
    assertTrue(p.get(0).matches("augur\\.yaml:[34]: not valid YAML.*"), p.get(0));
    assertEquals("job.parallelism = \"x\" (augur.yaml:2): expected an integer such as 4", p.get(1));
  }

  @Test
  void shouldReadASecretFromItsFileOrTheEnvironmentAndNeverPrintIt(@TempDir Path dir)
      throws Exception {
    Path token = dir.resolve("token");
    Files.writeString(token, "tok-123\n");
    Configuration c =
        AugurOptions.builder()
            .yaml("prometheus:\n  bearerTokenFile: " + token + "\n", "augur.yaml")
            .env(Map.of("AUGUR_PROMETHEUS_BASIC_AUTH_PASSWORD", "pw-456"))
            .build();
    assertEquals("tok-123", c.get(PrometheusOptions.BEARER_TOKEN).reveal());
    assertEquals("augur.yaml:2", c.origin(PrometheusOptions.BEARER_TOKEN));
    assertEquals("pw-456", c.get(PrometheusOptions.BASIC_AUTH_PASSWORD).reveal());
    String shown = c.toString();
    assertFalse(shown.contains("tok-123") || shown.contains("pw-456"), shown);
    assertTrue(shown.contains("prometheus.bearerToken = ****** (augur.yaml:2)"), shown);
    assertEquals("******", c.get(PrometheusOptions.BEARER_TOKEN).toString());
  }

  @Test
  void shouldRefuseASecretWrittenInlineWithoutShowingIt(@TempDir Path dir) throws Exception {
    Path empty = Files.writeString(dir.resolve("empty"), "  \n");
    List<String> p =
        problems(
            AugurOptions.builder()
                .yaml(
                    "prometheus:\n  bearerToken: tok-123\n  basicAuthPasswordFile: " + empty + "\n",
                    "augur.yaml")
                .set("prometheus.basicAuthPassword=pw-456")
                .env(
                    Map.of(
                        "AUGUR_PROMETHEUS_BEARER_TOKEN_FILE", dir.resolve("missing").toString())));
    assertEquals(
        List.of(
            "prometheus.bearerToken (augur.yaml:2): a secret is not read from a file or a flag; put it in the file named "
                + "by prometheus.bearerTokenFile or in env AUGUR_PROMETHEUS_BEARER_TOKEN",
            "prometheus.bearerTokenFile = \""
                + dir.resolve("missing")
                + "\" (env AUGUR_PROMETHEUS_BEARER_TOKEN_FILE): "
                + "expected a readable file (NoSuchFileException)",
            "prometheus.basicAuthPasswordFile = \""
                + empty
                + "\" (augur.yaml:3): expected the file to hold a non-empty secret",
            "prometheus.basicAuthPassword (flag --set prometheus.basicAuthPassword): a secret is not read from a file or a "
                + "flag; put it in the file named by prometheus.basicAuthPasswordFile or in env "
                + "AUGUR_PROMETHEUS_BASIC_AUTH_PASSWORD"),
        p);
    assertFalse(
        String.join("\n", p).contains("tok-123") || String.join("\n", p).contains("pw-456"));
  }

  @Test
  void shouldRefuseASecretSetBothDirectlyAndThroughItsFileInOneLayer(@TempDir Path dir)
      throws Exception {
    Path token = Files.writeString(dir.resolve("token"), "tok");
    List<String> p =
        problems(
            AugurOptions.builder()
                .env(
                    Map.of(
                        "AUGUR_PROMETHEUS_BEARER_TOKEN",
                        "tok2",
                        "AUGUR_PROMETHEUS_BEARER_TOKEN_FILE",
                        token.toString())));
    assertEquals(1, p.size(), String.join("\n", p));
    assertTrue(
        p.get(0)
            .startsWith(
                "prometheus.bearerToken: set both directly and through prometheus.bearerTokenFile"));
    assertFalse(p.get(0).contains("tok2"));
  }

  @Test
  void shouldTakeAFallbackKeysValueWhenTheOptionIsNotSet() {
    Configuration c =
        AugurOptions.builder().yaml("prometheus:\n  url: http://p:9090\n", "augur.yaml").build();
    assertEquals(URI.create("http://p:9090"), c.get(ChaosOptions.PROMETHEUS_URL));
    assertEquals("augur.yaml:2, as prometheus.url", c.origin(ChaosOptions.PROMETHEUS_URL));
    Configuration own =
        AugurOptions.builder()
            .yaml("prometheus:\n  url: http://p:9090\n", "augur.yaml")
            .set("chaos.prometheusUrl=http://q:9090")
            .build();
    assertEquals(URI.create("http://q:9090"), own.get(ChaosOptions.PROMETHEUS_URL));
  }

  @Test
  void shouldCheckAFallbackValueAgainstTheOptionsOwnRules() {
    ConfigOption<Integer> workers =
        ConfigOptions.key("pool.workers").intType().defaultValue(0).withDescription("w");
    ConfigOption<Integer> readers =
        ConfigOptions.key("pool.readers")
            .intType()
            .noDefaultValue()
            .withValidator(Validator.atLeast(1))
            .withFallbackKeys("pool.workers")
            .withDescription("r");
    assertEquals(
        List.of(
            "pool.readers = \"0\" (env AUGUR_POOL_WORKERS, as pool.workers): expected an integer >= 1"),
        problems(
            Configuration.builder(List.of(workers, readers))
                .env(Map.of("AUGUR_POOL_WORKERS", "0"))));
  }

  @Test
  void shouldReadSelectorsWithCommasFromTheEnvironment() {
    Configuration c =
        AugurOptions.builder()
            .env(Map.of("AUGUR_PROMETHEUS_SELECTORS", "{job=\"a\",instance=\"b\"},{job=\"c\"}"))
            .build();
    assertEquals(
        List.of("{job=\"a\",instance=\"b\"}", "{job=\"c\"}"), c.get(PrometheusOptions.SELECTORS));
  }

  @Test
  void shouldReadADeprecatedKeyWithAWarningAndPreferTheCurrentOne() {
    ConfigOption<Duration> step =
        ConfigOptions.key("source.step")
            .durationType()
            .defaultValue(Duration.ofMinutes(1))
            .withDeprecatedKeys("source.stepSeconds")
            .withDescription("step");
    Configuration old =
        Configuration.builder(List.of(step))
            .yaml("source:\n  stepSeconds: 30s\n", "a.yaml")
            .build();
    assertEquals(Duration.ofSeconds(30), old.get(step));
    assertEquals(
        List.of("source.stepSeconds (a.yaml:2) is deprecated; use source.step"), old.warnings());
    assertEquals(
        old.warnings(),
        Configuration.builder(List.of(step))
            .yaml("source:\n  stepSeconds: 30s\n", "a.yaml")
            .build()
            .warnings());
    Configuration both =
        Configuration.builder(List.of(step))
            .yaml("source:\n  stepSeconds: 30s\n  step: 2m\n", "a.yaml")
            .build();
    assertEquals(Duration.ofMinutes(2), both.get(step));
  }

  @Test
  void shouldReportARequiredKeyThatIsNotSet() {
    ConfigOption<String> url =
        ConfigOptions.key("sink.url")
            .stringType()
            .requiredValue()
            .withFlag("--sink-url")
            .withDescription("where to");
    assertEquals(
        List.of(
            "sink.url: not set; expected a string; set it in the file, with env AUGUR_SINK_URL or --sink-url"),
        problems(Configuration.builder(List.of(url))));
    assertEquals(
        "x",
        Configuration.builder(List.of(url)).env(Map.of("AUGUR_SINK_URL", "x")).build().get(url));
  }

  @Test
  void shouldRefuseACatalogueWhoseDefaultFailsItsOwnCheck() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ConfigOptions.key("job.parallelism")
                    .intType()
                    .defaultValue(0)
                    .withValidator(Validator.atLeast(1)));
    assertEquals("job.parallelism: default 0 is not >= 1", e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> ConfigOptions.key("Bad_Key").intType().defaultValue(1));
    assertThrows(
        IllegalArgumentException.class,
        () -> ConfigOptions.key("a.b").secretType().defaultValue(new Secret("x")));
    assertThrows(
        IllegalArgumentException.class,
        () -> Configuration.builder(List.of(KafkaOptions.BROKERS, KafkaOptions.BROKERS)));
  }

  @Test
  void shouldNotChangeWhenItsInputsChangeAfterwards() {
    List<String> labels = new ArrayList<>(List.of("namespace", "pod"));
    Map<String, Object> job = new HashMap<>(Map.of("componentLabels", labels));
    Map<String, Object> tree = new HashMap<>(Map.of("job", job));
    Map<String, String> env = new HashMap<>(Map.of("AUGUR_JOB_PARALLELISM", "3"));
    Configuration.Builder b = AugurOptions.builder().tree(tree, "t.yaml").env(env);
    Configuration c = b.build();
    labels.add("container");
    env.put("AUGUR_JOB_PARALLELISM", "9");
    b.set("job.parallelism=7");
    assertEquals(List.of("namespace", "pod"), c.get(JobOptions.COMPONENT_LABELS));
    assertEquals(3, c.get(JobOptions.PARALLELISM));
    assertThrows(
        UnsupportedOperationException.class, () -> c.get(JobOptions.COMPONENT_LABELS).add("x"));
    assertThrows(UnsupportedOperationException.class, () -> c.warnings().add("x"));
  }

  @Test
  void shouldRefuseAnOptionFromAnotherCatalogue() {
    Configuration c = Configuration.builder(KafkaOptions.ALL).build();
    assertThrows(IllegalArgumentException.class, () -> c.get(JobOptions.PARALLELISM));
  }
}
