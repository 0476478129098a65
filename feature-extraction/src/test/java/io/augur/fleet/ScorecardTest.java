package io.augur.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.augur.domain.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScorecardTest {
  private final InjectedFailure leak =
      new InjectedFailure("a/1", FailureMode.MEMORY_LEAK, 1_000, 61_000, 120_000);
  private final InjectedFailure disk =
      new InjectedFailure("b/1", FailureMode.DISK_FILL, 5_000, 65_000, 90_000);

  @Test
  void shouldCountCaughtMissedFalseAndLeadTime() {
    Scorecard s =
        Scorecard.of(
            List.of(leak, disk),
            List.of(
                new Scorecard.Firing("a/1", 31_000, Severity.MEDIUM), // caught, lead 30 s
                new Scorecard.Firing("a/1", 41_000, Severity.HIGH), // later firing, same failure
                new Scorecard.Firing("a/1", 100_000, Severity.HIGH), // during the outage: not false
                new Scorecard.Firing("b/1", 500, Severity.MEDIUM), // before onset: false
                new Scorecard.Firing("c/1", 10_000, Severity.MEDIUM))); // no failure there: false
    assertEquals(2, s.failures());
    assertEquals(1, s.caught());
    assertEquals(1, s.missed());
    assertEquals(2, s.falseAlerts());
    assertEquals(30_000L, s.medianLeadMs());
    assertEquals(3, s.alertsBySeverity().get(Severity.MEDIUM));
    assertEquals(2, s.alertsBySeverity().get(Severity.HIGH));
  }

  @Test
  void shouldHaveNoMedianWhenNothingIsCaught() {
    Scorecard s = Scorecard.of(List.of(leak), List.of());
    assertNull(s.medianLeadMs());
    assertEquals("n/a", s.medianLead());
    assertEquals(1, s.missed());
  }
}
