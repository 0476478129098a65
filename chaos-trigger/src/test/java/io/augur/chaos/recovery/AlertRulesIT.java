package io.augur.chaos.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped deploy/prometheus/augur-rules.yml, unchanged, in a real Prometheus (scrape and
 * evaluation every second) scraping a test exporter that serves the metric names Augur exports:
 * each alert goes pending/firing and resolves as the values change, seen through /api/v1/alerts.
 * FailurePredictionHigh's 5-minute {@code for} is checked by promtool's unit test; here it loads
 * and goes pending.
 */
class AlertRulesIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String RATE = "augur_chaos_experiment_success_rate{service=\"checkout\"}";
  private static final String PROBABILITY =
      "flink_taskmanager_job_task_operator_augur_component_predicted_failure_probability{component=\"checkout_checkout-0:8080\",subtask_index=\"0\"}";
  private static final String SECONDS =
      "augur_recovery_seconds{test=\"primary-failover\",service=\"orders\"}";
  private static final String EXPECTED =
      "augur_recovery_expected_seconds{test=\"primary-failover\",service=\"orders\"}";
  private static final String RECOVERED =
      "augur_recovery_recovered{test=\"primary-failover\",service=\"orders\"}";

  @TempDir static Path dir;
  private static TestExporter exporter;
  private static PrometheusServer prom;

  @BeforeAll
  static void start() throws Exception {
    exporter = new TestExporter();
    exporter.set(RATE, 1.0);
    exporter.set(PROBABILITY, 0.2);
    exporter.set(SECONDS, 12);
    exporter.set(EXPECTED, 30);
    exporter.set(RECOVERED, 1);
    prom =
        PrometheusServer.start(
            dir,
            Map.of("augur", exporter.hostPort()),
            List.of(RepoFiles.deploy("prometheus/augur-rules.yml")));
    prom.await("every rule evaluated healthy", AlertRulesIT::allRulesHealthy, WAIT);
  }

  @AfterAll
  static void stop() {
    if (prom != null) {
      prom.close();
    }
    if (exporter != null) {
      exporter.close();
    }
  }

  private static boolean allRulesHealthy() {
    int n = 0;
    for (JsonNode g : prom.rules()) {
      for (JsonNode r : g.path("rules")) {
        if (!"ok".equals(r.path("health").asText())) {
          return false;
        }
        n++;
      }
    }
    return n == 12;
  }

  private static void awaitState(String alert, String key, String value, String state)
      throws InterruptedException {
    prom.await(
        alert + "{" + key + "=" + value + "} " + state,
        () -> state.equals(prom.alertState(alert, key, value)),
        WAIT);
  }

  @Test
  void shouldLoadEveryShippedRuleHealthy() {
    List<String> names = new ArrayList<>();
    prom.rules().forEach(g -> g.path("rules").forEach(r -> names.add(r.path("name").asText())));
    assertTrue(
        names.containsAll(
            List.of(
                "ChaosExperimentFailed",
                "FailurePredictionHigh",
                "RecoveryExceededExpectedTime",
                "augur:incident_recovery_seconds",
                "augur:time_between_failures_seconds",
                "slo:burn_rate:ratio_rate5m",
                "slo:burn_rate:ratio_rate1h",
                "slo:error_budget_remaining:ratio")),
        names.toString());
    assertTrue(allRulesHealthy(), prom.rules().toString());
  }

  @Test
  void shouldFireChaosExperimentFailedBelowEightyPercentAndResolve() throws Exception {
    assertEquals("inactive", prom.alertState("ChaosExperimentFailed", "service", "checkout"));
    exporter.set(RATE, 0.5);
    awaitState("ChaosExperimentFailed", "service", "checkout", "firing");
    JsonNode a = prom.alerts("ChaosExperimentFailed").get(0);
    assertEquals("warning", a.path("labels").path("severity").asText());
    assertEquals(0.5, a.path("value").asDouble(), 1e-9);
    exporter.set(RATE, 0.9);
    awaitState("ChaosExperimentFailed", "service", "checkout", "inactive");
  }

  @Test
  void shouldFireRecoveryExceededExpectedTimeForASlowAndForAFailedRecoveryAndResolve()
      throws Exception {
    assertEquals(
        "inactive", prom.alertState("RecoveryExceededExpectedTime", "test", "primary-failover"));
    exporter.set(SECONDS, 45);
    awaitState("RecoveryExceededExpectedTime", "test", "primary-failover", "firing");
    exporter.set(SECONDS, 20);
    awaitState("RecoveryExceededExpectedTime", "test", "primary-failover", "inactive");
    exporter.set(RECOVERED, 0);
    awaitState("RecoveryExceededExpectedTime", "test", "primary-failover", "firing");
    exporter.set(RECOVERED, 1);
    awaitState("RecoveryExceededExpectedTime", "test", "primary-failover", "inactive");
  }

  @Test
  void shouldPutFailurePredictionHighPendingAboveSevenTenthsAndDropItWhenTheProbabilityFalls()
      throws Exception {
    exporter.set(PROBABILITY, 0.9);
    awaitState("FailurePredictionHigh", "component", "checkout_checkout-0:8080", "pending");
    JsonNode a = prom.alerts("FailurePredictionHigh").get(0);
    assertEquals("critical", a.path("labels").path("severity").asText());
    assertEquals(
        "pending", a.path("state").asText(), "the shipped for: 5m keeps it pending for minutes");
    exporter.set(PROBABILITY, 0.1);
    awaitState("FailurePredictionHigh", "component", "checkout_checkout-0:8080", "inactive");
  }

  @Test
  void shouldRecordTheRecoveryTimeTheResilienceScoreReads() throws Exception {
    prom.await(
        "augur:incident_recovery_seconds",
        () ->
            prom.client().query("augur:incident_recovery_seconds{service=\"orders\"}").isPresent(),
        WAIT);
    OptionalDouble v = prom.client().query("augur:incident_recovery_seconds{service=\"orders\"}");
    assertTrue(v.getAsDouble() > 0, "recorded " + v);
  }
}
