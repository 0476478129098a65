package io.augur.chaos.requirements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.chaos.catalogue.ExperimentType;
import io.augur.chaos.prom.InMemoryMetricsSource;
import io.augur.chaos.requirements.CheckResult.Verdict;
import io.augur.domain.ExperimentOutcome;
import io.augur.domain.ExperimentOutcome.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequirementsValidatorTest {
  private static ExperimentOutcome o(
      String target, String type, Status s, long start, Long recMs, Map<String, Double> obs) {
    return new ExperimentOutcome(
        "plan-" + type + "-" + start,
        target,
        type,
        "unknown",
        s,
        start,
        start + 60_000,
        recMs,
        true,
        obs,
        "");
  }

  @Test
  void shouldReadTheShippedExample() {
    List<ResilienceRequirement> reqs =
        RequirementsFile.read(Path.of("examples/resilience-requirements.yaml"));
    assertEquals(2, reqs.size());
    ResilienceRequirement g = reqs.get(0);
    assertEquals("gateway", g.component());
    assertEquals(99.95, g.availabilityTarget());
    assertEquals(Duration.ofMillis(500), g.maxResponseTime());
    assertEquals(
        List.of(
            ExperimentType.POD_KILL,
            ExperimentType.LATENCY_INJECTION,
            ExperimentType.MEMORY_STRESS),
        g.chaosTests());
    assertEquals(Duration.ofSeconds(30), g.recoverySla());
    assertEquals(DataConsistency.STRONG, reqs.get(1).dataConsistency());
  }

  @Test
  void shouldRejectUnknownKeysAndBadValuesNamingThem() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> RequirementsFile.parse("requirements:\n  - component: a\n    recoverSla: 30s\n"));
    assertTrue(e.getMessage().contains("recoverSla"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                RequirementsFile.parse("requirements:\n  - component: a\n    recoverySla: soon\n"));
    assertTrue(
        e.getMessage().contains("requirements[0].recoverySla") && e.getMessage().contains("soon"),
        e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                RequirementsFile.parse(
                    "requirements:\n  - component: a\n    chaosTests: [teleport]\n"));
    assertTrue(e.getMessage().contains("teleport"), e.getMessage());
  }

  @Test
  void shouldReportEachCheckAgainstOutcomesAndMetrics() {
    List<ResilienceRequirement> reqs =
        RequirementsFile.read(Path.of("examples/resilience-requirements.yaml"));
    InMemoryMetricsSource m =
        new InMemoryMetricsSource()
            .set("avg_over_time(up{job=\"gateway\"}[7d])", 0.9999)
            .set(RequirementsValidator.DEFAULT_LATENCY.replace("{component}", "gateway"), 0.650)
            .set("avg_over_time(up{job=\"payments\"}[7d])", 0.99995);
    List<ExperimentOutcome> outs =
        List.of(
            o("gateway/gateway-0:8080", "pod-kill", Status.FAILED, 1_000, 20_000L, Map.of()),
            o("gateway/gateway-1:8080", "pod-kill", Status.PASSED, 2_000, 25_000L, Map.of()),
            o("gateway/gateway-0:8080", "latency-injection", Status.PASSED, 3_000, null, Map.of()),
            o(
                "payments/payments-0:8080",
                "pod-failure",
                Status.PASSED,
                1_000,
                40_000L,
                Map.of("consistency_violations", 0.0)),
            o(
                "payments/payments-0:8080",
                "disk-fault",
                Status.PASSED,
                2_000,
                5_000L,
                Map.of("consistency_violations", 2.0)));
    ValidationReport report = new RequirementsValidator(m).validate(reqs, outs);
    Map<String, Verdict> g = verdicts(report, "gateway-resilience");
    assertEquals(Verdict.PASS, g.get("availability")); // 99.99 >= 99.95
    assertEquals(Verdict.FAIL, g.get("max-response-time")); // 650ms > 500ms
    assertEquals(Verdict.PASS, g.get("chaos:pod-kill")); // latest run passed
    assertEquals(Verdict.PASS, g.get("chaos:latency-injection"));
    assertEquals(Verdict.FAIL, g.get("chaos:memory-stress")); // never run
    assertEquals(Verdict.PASS, g.get("recovery-sla")); // worst 25s <= 30s
    Map<String, Verdict> p = verdicts(report, "payments-resilience");
    assertEquals(Verdict.PASS, p.get("availability"));
    assertEquals(Verdict.UNKNOWN, p.get("max-response-time"));
    assertEquals(Verdict.FAIL, p.get("chaos:network-partition"));
    assertEquals(Verdict.FAIL, p.get("recovery-sla")); // 40s > 15s
    assertEquals(Verdict.FAIL, p.get("data-consistency"));
    assertTrue(report.hasViolations());
    String text = report.render();
    assertTrue(text.contains("VIOLATED gateway-resilience (gateway)"), text);
    assertTrue(text.contains("p99 650ms vs max 500ms"), text);
    assertTrue(text.contains("worst recovery 40s"), text);
  }

  @Test
  void shouldPassWhenEverythingHolds() {
    ResilienceRequirement r =
        new ResilienceRequirement(
            "r",
            "cart",
            null,
            null,
            List.of(ExperimentType.CPU_SPIKE),
            Duration.ofSeconds(30),
            DataConsistency.NONE);
    ValidationReport report =
        new RequirementsValidator(null)
            .validate(
                List.of(r),
                List.of(o("cart/cart-0", "cpu-spike", Status.PASSED, 0, 1_000L, Map.of())));
    assertFalse(report.hasViolations(), report.render());
    assertEquals(2, report.results().size());
  }

  private static Map<String, Verdict> verdicts(ValidationReport r, String req) {
    return r.results().stream()
        .filter(c -> c.requirement().equals(req))
        .collect(java.util.stream.Collectors.toMap(CheckResult::check, CheckResult::verdict));
  }
}
