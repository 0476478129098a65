package io.augur.chaos.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped rules under deploy/prometheus pass Debian's promtool: syntax, the config that
 * references them, and the unit tests (each alert fires and resolves, with the shipped {@code for}
 * durations on promtool's simulated clock; the recording rules produce the series the score reads).
 */
class AlertRulesTest {
  private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

  @BeforeEach
  void needsPromtool() {
    assumeTrue(
        Files.isExecutable(PROMTOOL),
        "promtool missing at " + PROMTOOL + " (apt-get install prometheus)");
  }

  record Run(int exit, String output) {}

  static Run promtool(Path workDir, String... args) throws IOException, InterruptedException {
    List<String> cmd = new java.util.ArrayList<>(List.of(PROMTOOL.toString()));
    cmd.addAll(List.of(args));
    Process p =
        new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("promtool " + String.join(" ", args) + " did not finish in 60 s");
    }
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  @Test
  void shouldPassPromtoolCheckRules() throws Exception {
    Path rules = RepoFiles.deploy("prometheus/augur-rules.yml");
    Run r = promtool(rules.getParent(), "check", "rules", rules.getFileName().toString());
    assertEquals(0, r.exit(), r.output());
    assertTrue(r.output().contains("SUCCESS: 12 rules found"), r.output());
  }

  @Test
  void shouldReferenceTheRulesFromTheShippedPrometheusConfig() throws Exception {
    Path config = RepoFiles.deploy("prometheus/prometheus.yml");
    Run r = promtool(config.getParent(), "check", "config", config.getFileName().toString());
    assertEquals(0, r.exit(), r.output());
    assertTrue(
        r.output().contains("augur-rules.yml") && r.output().contains("SUCCESS: 12 rules found"),
        r.output());
  }

  @Test
  void shouldPassTheUnitTestsOfEveryAlertAndRecordingRule() throws Exception {
    Path tests = RepoFiles.deploy("prometheus/tests/augur-rules.test.yml");
    String text = Files.readString(tests);
    for (String alert :
        List.of("ChaosExperimentFailed", "FailurePredictionHigh", "RecoveryExceededExpectedTime")) {
      assertTrue(text.contains("alertname: " + alert), "unit tests cover " + alert);
    }
    Run r = promtool(tests.getParent(), "test", "rules", tests.getFileName().toString());
    assertEquals(0, r.exit(), r.output());
    assertTrue(r.output().contains("SUCCESS"), r.output());
  }

  @Test
  void shouldFailAUnitTestThatExpectsFailurePredictionHighBeforeItsFiveMinutes(@TempDir Path dir)
      throws Exception {
    Path rules = RepoFiles.deploy("prometheus/augur-rules.yml");
    Path test =
        Files.writeString(
            dir.resolve("early.test.yml"),
            """
        rule_files: ['%s']
        evaluation_interval: 1m
        tests:
          - interval: 1m
            input_series:
              - series: 'flink_taskmanager_job_task_operator_augur_component_predicted_failure_probability{component="db"}'
                values: '0.9x10'
            alert_rule_test:
              - eval_time: 4m
                alertname: FailurePredictionHigh
                exp_alerts:
                  - exp_labels: {severity: critical, component: db}
        """
                .formatted(rules));
    Run r = promtool(dir, "test", "rules", test.getFileName().toString());
    assertNotEquals(0, r.exit(), "4 minutes above 0.7 is only pending: " + r.output());
    assertTrue(r.output().contains("FAILED"), r.output());
  }
}
