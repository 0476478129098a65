package io.augur.chaos.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.augur.chaos.Fixtures;
import io.augur.chaos.metrics.PrometheusServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run-time gate's default queries against a real Prometheus: alerting rules make ALERTS series
 * with Augur's labels (alertname AugurPredictedFailure, severity medium/high, as the job sends
 * them) and others; a small HTTP endpoint of the test exposes the job's probability gauge as
 * Flink's reporter names it, for two subtasks.
 */
class RunTimeHealthGateIT {
  @TempDir static Path dir;
  private static HttpServer job;
  private static PrometheusServer prom;

  @BeforeAll
  static void start() throws Exception {
    job = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
    byte[] body =
        ("# TYPE "
                + PredictedFailureCeiling.GAUGE
                + " gauge\n"
                + PredictedFailureCeiling.GAUGE
                + "{component=\"checkout_checkout_0:8080\",subtask_index=\"0\"} 0.95\n"
                + PredictedFailureCeiling.GAUGE
                + "{component=\"checkout_checkout_0:8080\",subtask_index=\"1\"} 0.2\n"
                + PredictedFailureCeiling.GAUGE
                + "{component=\"cart_cart_0:8080\",subtask_index=\"0\"} 0.3\n")
            .getBytes(StandardCharsets.UTF_8);
    job.createContext(
        "/metrics",
        x -> {
          x.sendResponseHeaders(200, body.length);
          x.getResponseBody().write(body);
          x.close();
        });
    job.start();
    Files.writeString(
        dir.resolve("rules.yml"),
        """
        groups:
          - name: test
            interval: 1s
            rules:
              - {alert: AugurPredictedFailure, expr: vector(1), labels: {severity: high, component: a}}
              - {alert: AugurPredictedFailure, expr: vector(1), labels: {severity: medium, component: b}}
              - {alert: AugurPredictedFailure, expr: vector(1), labels: {severity: low, component: c}}
              - {alert: DiskFull, expr: vector(1), labels: {severity: critical}}
              - {alert: Noise, expr: vector(1), labels: {severity: warning}}
        """);
    prom =
        PrometheusServer.start(
            dir,
            "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
                + "rule_files: ['"
                + dir.resolve("rules.yml")
                + "']\n"
                + "scrape_configs:\n  - job_name: augur-job\n    static_configs:\n      - targets: ['127.0.0.1:"
                + job.getAddress().getPort()
                + "']\n");
  }

  @AfterAll
  static void stop() throws Exception {
    if (prom != null) {
      prom.close();
    }
    if (job != null) {
      job.stop(0);
    }
  }

  @Test
  void shouldCountAugursOwnMediumAndHighAlertsBesideCriticalOnes() throws Exception {
    HealthQuery alerts = HealthQuery.defaults().get(2);
    OptionalDouble v =
        prom.awaitValue(
            "count(ALERTS{alertstate=\"firing\"})", x -> x >= 5, Duration.ofSeconds(30));
    assertEquals(5.0, v.orElseThrow(), "all five rules fire: " + prom.log());
    assertEquals(
        OptionalDouble.of(3.0),
        prom.client().query(alerts.promql()),
        "high + medium + critical, not low or warning");
    HealthReport r =
        new HealthGate(prom.client(), List.of(alerts), HealthGate.MIN_THRESHOLD).assess();
    assertEquals(0.4, r.health(), 1e-12);
    assertFalse(r.ok());
    assertTrue(r.problems().get(0).startsWith("alerts-firing is 3"), r.problems().toString());
  }

  @Test
  void shouldAskForAHumanForATargetTheJobsGaugeSaysWillFail() throws Exception {
    String q =
        PredictedFailureCeiling.DEFAULT_QUERY.replace("{component}", "checkout_checkout_0:8080");
    assertEquals(0.95, prom.awaitValue(q, x -> true, Duration.ofSeconds(30)).orElseThrow(), 1e-12);
    PreflightCheck check =
        PreflightCheck.predictedFailureCeiling(
            prom.client(), PredictedFailureCeiling.DEFAULT_CEILING);
    PreflightCheck.Finding f =
        check.find(
            PredictedFailureCeilingTest.plan("checkout/checkout-0:8080"),
            Fixtures.T0.toEpochMilli());
    assertTrue(
        f.humanMayAccept() && f.reason().contains("probability 0.9500 > ceiling 0.9000"),
        f.toString());
    assertEquals(
        null,
        check.find(PredictedFailureCeilingTest.plan("cart/cart-0:8080"), 0),
        "0.3 is below the ceiling");
    PreflightCheck.Finding unknown =
        check.find(PredictedFailureCeilingTest.plan("ghost/ghost-0"), 0);
    assertFalse(unknown.humanMayAccept(), "no series for the target: unknown, deferred");
  }
}
