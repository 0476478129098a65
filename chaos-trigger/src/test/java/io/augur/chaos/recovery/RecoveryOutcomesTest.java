package io.augur.chaos.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.domain.ExperimentOutcome;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecoveryOutcomesTest {
  private static RecoveryResult result(
      RecoveryResult.Status status, Long injectedAt, Long measured) {
    StepResult step =
        new StepResult(
            "standby",
            "recovery",
            "GET http://x/ -> 200",
            0,
            measured != null,
            1_000L,
            measured == null ? null : 1_000L,
            measured,
            3,
            "HTTP 200",
            measured == null ? null : "HTTP 200");
    return new RecoveryResult(
        "primary-failover",
        "recovery-primary-failover-7",
        "orders",
        "pod-kill",
        "orders-primary",
        status,
        5000,
        measured,
        "injection",
        injectedAt,
        9_000L,
        9_500L,
        true,
        List.of(),
        List.of(step),
        status == RecoveryResult.Status.PASSED
            ? List.of()
            : List.of("recovery took 7000ms, expected at most 5000ms"),
        List.of());
  }

  @Test
  void shouldRecordAViolatedRunAsAFailedOutcomeOfTheTestsService() {
    ExperimentOutcome o =
        RecoveryOutcomes.of(result(RecoveryResult.Status.VIOLATED, 500L, 7000L)).orElseThrow();
    assertEquals(ExperimentOutcome.Status.FAILED, o.status());
    assertEquals("recovery-primary-failover-7", o.planId());
    assertEquals("orders/orders-primary", o.target());
    assertEquals("pod-kill", o.experimentType());
    assertEquals(7000L, o.recoveryTimeMs());
    assertTrue(o.recoveredAutomatically());
    assertEquals(7000.0, o.observations().get("recovery.standby.ms"));
    assertEquals(500L, o.startedAtMs());
    assertTrue(o.notes().contains("recovery took 7000ms"), o.notes());
  }

  @Test
  void shouldRecordNothingForARunThatInjectedNoFault() {
    assertEquals(
        Optional.empty(), RecoveryOutcomes.of(result(RecoveryResult.Status.REFUSED, null, null)));
    assertEquals(
        ExperimentOutcome.Status.PASSED,
        RecoveryOutcomes.of(result(RecoveryResult.Status.PASSED, 500L, 1200L))
            .orElseThrow()
            .status());
    ExperimentOutcome aborted =
        RecoveryOutcomes.of(result(RecoveryResult.Status.ABORTED, 500L, null)).orElseThrow();
    assertEquals(ExperimentOutcome.Status.ABORTED, aborted.status());
    assertEquals(false, aborted.recoveredAutomatically());
  }
}
