package io.augur.chaos.adaptive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.augur.chaos.recovery.RecoveryReport;
import io.augur.chaos.recovery.RecoveryResult;
import io.augur.domain.AlertState;
import io.augur.domain.FailureAlert;
import io.augur.domain.FailurePrediction;
import io.augur.domain.Severity;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FailuresTest {
  private static FailureAlert alert(AlertState state) {
    FailurePrediction p =
        new FailurePrediction(
            "checkout",
            Map.of("namespace", "shop"),
            1_000L,
            0.9,
            Severity.HIGH,
            null,
            List.of(),
            "memory-leak",
            List.of(),
            List.of(),
            Map.of(),
            "v1");
    return new FailureAlert(
        "AugurFailurePredicted",
        "checkout",
        Map.of(
            "alertname",
            "AugurFailurePredicted",
            "component",
            "checkout",
            "namespace",
            "shop",
            "severity",
            "high"),
        Map.of(),
        Severity.HIGH,
        state,
        1_000L,
        state == AlertState.RESOLVED ? 2_000L : null,
        p);
  }

  @Test
  void shouldReadTheAlertAsTheStreamingJobWritesIt() throws Exception {
    String line = new ObjectMapper().writeValueAsString(alert(AlertState.FIRING));
    List<Failure> f =
        Failures.parse(line, "alerts.jsonl line 1", "default", Set.of("checkout"), 5_000L);
    assertEquals(1, f.size());
    assertEquals("memory-leak", f.get(0).failureType());
    assertEquals("checkout", f.get(0).service());
    assertEquals("shop", f.get(0).namespace());
    assertTrue(f.get(0).critical());
    assertEquals(1_000L, f.get(0).detectedAtMs());
    String resolved = new ObjectMapper().writeValueAsString(alert(AlertState.RESOLVED));
    assertEquals(List.of(), Failures.parse(resolved, "x", "default", Set.of(), 0));
  }

  @Test
  void shouldReadAFailedRecoveryResultAndIgnoreAPassedOne() {
    RecoveryResult failed =
        new RecoveryResult(
            "standby-takeover",
            "recovery-x-1",
            "api",
            "pod-kill",
            "api-0",
            RecoveryResult.Status.VIOLATED,
            30_000,
            null,
            "injection",
            1L,
            2L,
            3L,
            true,
            List.of(),
            List.of(),
            List.of("validation step up did not hold"),
            List.of());
    List<Failure> f = Failures.parse(RecoveryReport.json(failed), "r.json", "local", Set.of(), 0);
    assertEquals(1, f.size());
    assertEquals("pod-kill", f.get(0).failureType());
    assertEquals("recovery-validation", f.get(0).source());
    assertEquals("recovery-x-1", f.get(0).id());
    RecoveryResult passed =
        new RecoveryResult(
            "t",
            "p",
            "api",
            "pod-kill",
            "api-0",
            RecoveryResult.Status.PASSED,
            30_000,
            100L,
            "injection",
            1L,
            2L,
            3L,
            true,
            List.of(),
            List.of(),
            List.of(),
            List.of());
    assertEquals(
        List.of(), Failures.parse(RecoveryReport.json(passed), "r.json", "local", Set.of(), 0));
  }

  @Test
  void shouldNameTheInputAndWhatIsMissing() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Failures.parse(
                    "{\"alerts\":[{\"labels\":{\"component\":\"api\"}}]}",
                    "hook.json",
                    "d",
                    Set.of(),
                    0));
    assertEquals(
        "hook.json alerts[0]: the alert names no failure type (no prediction.failureMode, failure_mode label "
            + "or alertname)",
        e.getMessage());
    assertTrue(
        assertThrows(
                IllegalArgumentException.class, () -> Failures.parse("[1]", "a", "d", Set.of(), 0))
            .getMessage()
            .startsWith("a: expected a JSON object"));
    Failure tier =
        Failures.parse(
                "{\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"HighLatency\","
                    + "\"service\":\"api\",\"tier\":\"critical\"}}]}",
                "h",
                "prod",
                Set.of(),
                7)
            .get(0);
    assertTrue(tier.critical());
    assertEquals("highlatency", tier.failureType());
    assertEquals("prod", tier.namespace());
  }
}
