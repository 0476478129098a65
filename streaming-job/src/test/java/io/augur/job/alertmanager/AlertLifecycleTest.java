package io.augur.job.alertmanager;

import static io.augur.job.alertmanager.Alerts.firing;
import static io.augur.job.alertmanager.Alerts.resolved;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.domain.Severity;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertLifecycleTest {
  static final long T0 = 1_700_000_000_000L;

  private static AlertLifecycle lifecycle(int max) {
    return new AlertLifecycle(
        Duration.ofSeconds(60),
        Duration.ofSeconds(240),
        Duration.ofMinutes(15),
        max,
        "http://augur/ui");
  }

  @Test
  void shouldSendFiringAlertAtOnceAndRepeatItEveryResendInterval() {
    AlertLifecycle l = lifecycle(100);
    l.onAlert(firing("checkout/c-0:8080", Severity.MEDIUM, T0), T0);
    List<AmAlert> first = l.due(0, T0);
    assertEquals(1, first.size());
    AmAlert a = first.get(0);
    assertEquals("AugurPredictedFailure", a.labels().get("alertname"));
    assertEquals("medium", a.labels().get("severity"));
    assertEquals("checkout", a.labels().get("job"));
    assertEquals(
        T0 + 240_000, a.endsAtMs(), "a firing alert is valid for validFor after each send");
    assertEquals("http://augur/ui?component=checkout%2Fc-0%3A8080", a.generatorUrl());
    assertTrue(
        a.annotations()
            .keySet()
            .containsAll(
                List.of(
                    "summary",
                    "description",
                    "probability",
                    "predicted_failure_time",
                    "recommended_actions",
                    "top_features")),
        a.annotations().toString());
    l.markSent(0, T0);
    assertEquals(List.of(), l.due(0, T0 + 59_000));
    assertEquals(1, l.due(0, T0 + 60_000).size(), "repeated after the resend interval");
  }

  @Test
  void shouldResolveWithEndsAtAndKeepSendingItForTheRetentionOnly() {
    AlertLifecycle l = lifecycle(100);
    l.onAlert(firing("api/a:1", Severity.HIGH, T0), T0);
    l.markSent(0, T0);
    l.onAlert(resolved("api/a:1", Severity.HIGH, T0, T0 + 30_000), T0 + 30_000);
    List<AmAlert> due = l.due(0, T0 + 30_000);
    assertEquals(1, due.size(), "a resolution is sent at once");
    assertEquals(T0 + 30_000, due.get(0).endsAtMs());
    assertEquals(0, l.activeCount());
    l.markSent(0, T0 + 30_000);
    assertEquals(1, l.due(0, T0 + 90_000).size(), "resolved alerts are repeated too");
    assertEquals(
        List.of(), l.due(0, T0 + 30_000 + 16 * 60_000), "and forgotten after the retention");
    assertEquals(0, l.resolvedCount());
  }

  @Test
  void shouldResolvePreviousAlertWhenSeverityRises() {
    AlertLifecycle l = lifecycle(100);
    l.onAlert(firing("db/d:1", Severity.MEDIUM, T0), T0);
    l.markSent(0, T0);
    l.onAlert(firing("db/d:1", Severity.HIGH, T0), T0 + 15_000);
    List<AmAlert> due = l.due(0, T0 + 15_000);
    assertEquals(2, due.size());
    AmAlert high =
        due.stream()
            .filter(a -> a.labels().get("severity").equals("high"))
            .findFirst()
            .orElseThrow();
    AmAlert medium =
        due.stream()
            .filter(a -> a.labels().get("severity").equals("medium"))
            .findFirst()
            .orElseThrow();
    assertEquals(T0 + 15_000 + 240_000, high.endsAtMs());
    assertEquals(T0, medium.endsAtMs(), "the medium alert ends where the high one starts");
  }

  @Test
  void shouldKeepAlertsDueForAnEndpointThatMissedThem() {
    AlertLifecycle l = lifecycle(100);
    l.onAlert(firing("a/a:1", Severity.MEDIUM, T0), T0);
    l.due(0, T0);
    l.markSent(0, T0); // endpoint 1 was down
    assertEquals(List.of(), l.due(0, T0 + 1000));
    assertEquals(1, l.due(1, T0 + 1000).size());
  }

  @Test
  void shouldDropOldestResolvedFirstBeyondTheBound() {
    AlertLifecycle l = lifecycle(3);
    l.onAlert(resolved("x/x:1", Severity.MEDIUM, T0, T0 + 1), T0);
    l.onAlert(firing("y/y:1", Severity.MEDIUM, T0), T0);
    l.onAlert(firing("z/z:1", Severity.MEDIUM, T0), T0);
    l.onAlert(firing("w/w:1", Severity.MEDIUM, T0), T0);
    assertEquals(3, l.activeCount());
    assertEquals(0, l.resolvedCount());
    assertEquals(1, l.dropped());
  }

  @Test
  void shouldResendEverythingAfterRestore() {
    AlertLifecycle l = lifecycle(100);
    l.onAlert(firing("a/a:1", Severity.MEDIUM, T0), T0);
    l.onAlert(resolved("b/b:1", Severity.HIGH, T0, T0 + 5), T0);
    l.markSent(0, T0);
    AlertLifecycle back = lifecycle(100);
    back.restore(l.snapshot(), T0 + 1000);
    List<AmAlert> due = back.due(0, T0 + 1000);
    assertEquals(2, due.size());
    assertNull(back.snapshot().get(0).endsAtMs(), "still firing");
  }

  @Test
  void shouldRefuseValidityNotLongerThanResend() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new AlertLifecycle(
                    Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ZERO, 10, ""));
    assertTrue(e.getMessage().contains("validFor"), e.getMessage());
  }
}
