package io.augur.chaos.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.chaos.exec.FaultJournal;
import io.augur.chaos.exec.local.LocalExecutor;
import io.augur.chaos.exec.local.LocalTarget;
import io.augur.chaos.exec.local.LocalTargets;
import io.augur.chaos.prom.InMemoryMetricsSource;
import io.augur.chaos.safety.HealthGate;
import io.augur.chaos.safety.HealthQuery;
import io.augur.chaos.safety.PreflightCheck;
import io.augur.chaos.safety.SafetyGates;
import io.augur.chaos.safety.SafetyPolicy;
import io.augur.domain.Sleeper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recovery test whose validation is PromQL against a real Prometheus scraping the demo nodes, and
 * whose result, served as the textfile the command writes, feeds the shipped recording and alert
 * rules: the failover's measured recovery becomes {@code augur:incident_recovery_seconds} and,
 * within its expectation, no RecoveryExceededExpectedTime.
 */
@Tag("slow")
class RecoveryPrometheusIT {
  @TempDir Path dir;

  @Test
  void shouldValidateTheFailoverThroughPromqlAndRecordItsRecoveryTimeThroughTheShippedRules()
      throws Exception {
    int port = PrometheusServer.freePort();
    List<String> lines = new ArrayList<>();
    try (DemoProcesses demo = new DemoProcesses(dir);
        TestExporter results = new TestExporter()) {
      Path pPid = dir.resolve("primary.pid");
      List<String> restart = demo.startPrimary(dir, port, 120);
      demo.startStandby(dir, port, 120);
      try (PrometheusServer prom =
          PrometheusServer.start(
              dir,
              Map.of("orders", "127.0.0.1:" + port, "augur-recovery", results.hostPort()),
              List.of(RepoFiles.deploy("prometheus/augur-rules.yml")))) {
        prom.await(
            "the primary scraped",
            () ->
                prom.client()
                    .query("augur_demo_serving{job=\"orders\",node=\"primary\"} == 1")
                    .isPresent(),
            Duration.ofSeconds(30));
        RecoveryTest test =
            RecoveryTestFile.parse(
                "promql-failover.yaml",
                """
            name: primary-failover
            service: orders
            trigger: {fault: pod-kill, target: orders-primary, replicas: 2}
            expectedRecovery: "< 8s"
            observeFor: 20s
            interval: 250ms
            validation:
              - name: standby-serving-in-prometheus
                promql: 'augur_demo_serving{job="orders",node="standby"} == 1'
                for: 1s
            """,
                Map.of());
        SafetyGates gates =
            new SafetyGates(
                SafetyPolicy.defaults(Set.of("local")).withWindows(List.of(), List.of()),
                new HealthGate(
                    new InMemoryMetricsSource().set(HealthQuery.defaults().get(0).promql(), 0.0)),
                List.of(PreflightCheck.minReplicasForDestructive()),
                Clock.systemUTC());
        LocalTargets targets =
            new LocalTargets(
                List.of(
                    new LocalTarget(
                        "orders-primary", null, pPid, restart, null, null, null, null, null)));
        RecoveryRun run =
            new RecoveryRun(
                gates,
                LocalExecutor.standard(targets, Clock.systemUTC()),
                new FaultJournal(dir.resolve("journal")),
                CheckContext.of(prom.client()),
                prom.client(),
                Clock.systemUTC(),
                Sleeper.REAL,
                null,
                lines::add);

        RecoveryResult r = run.run(test);

        assertEquals(
            RecoveryResult.Status.PASSED, r.status(), r.violations() + " " + lines + demo.logs());
        assertEquals("value 1.00000", r.validation().get(0).heldDetail());
        assertTrue(r.measuredRecoveryMs() < 8000, r.measuredRecoveryMs() + "ms");
        results.raw(RecoveryReport.prometheus(r, test.observeFor().toMillis()));
        double expected = r.measuredRecoveryMs() / 1000.0;
        prom.await(
            "augur:incident_recovery_seconds recorded",
            () ->
                prom.client()
                    .query("augur:incident_recovery_seconds{service=\"orders\"}")
                    .isPresent(),
            Duration.ofSeconds(20));
        OptionalDouble recorded =
            prom.client().query("augur:incident_recovery_seconds{service=\"orders\"}");
        assertEquals(expected, recorded.getAsDouble(), 1e-9);
        java.time.Instant seen = java.time.Instant.now();
        prom.await(
            "the alert rules evaluated after the result was scraped",
            () -> {
              for (com.fasterxml.jackson.databind.JsonNode g : prom.rules()) {
                if (g.path("name").asText().equals("augur-alerts")) {
                  return java.time.Instant.parse(g.path("lastEvaluation").asText()).isAfter(seen);
                }
              }
              return false;
            },
            Duration.ofSeconds(20));
        assertEquals(
            "inactive",
            prom.alertState("RecoveryExceededExpectedTime", "test", "primary-failover"),
            "recovered within its expectation");
        System.out.println(
            "promql failover: recovered in "
                + r.measuredRecoveryMs()
                + "ms through Prometheus "
                + lines);
      }
    }
  }
}
