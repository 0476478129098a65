package io.augur.chaos.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.chaos.prom.InMemoryMetricsSource;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthGateTest {
  private final List<HealthQuery> q = HealthQuery.defaults();
  private final InMemoryMetricsSource metrics = new InMemoryMetricsSource();

  @Test
  void shouldTakeTheWeakestSignalAsSystemHealth() {
    metrics
        .set(q.get(0).promql(), 0.01)
        .set(q.get(1).promql(), 1.5); // 0.9 and 0.85; no alerts firing
    HealthReport r = new HealthGate(metrics).assess();
    assertEquals(0.85, r.health(), 1e-12);
    assertTrue(r.ok());
    assertEquals(1.0, r.healths().get("alerts-firing"));
  }

  @Test
  void shouldSayWhichSignalDeferredTheExperiment() {
    metrics.set(q.get(0).promql(), 0.03).set(q.get(1).promql(), 0.5); // error-ratio health 0.7
    HealthReport r = new HealthGate(metrics).assess();
    assertFalse(r.ok());
    assertEquals(0.7, r.health(), 1e-12);
    assertEquals(1, r.problems().size());
    assertTrue(r.problems().get(0).startsWith("error-ratio is 0.03"), r.problems().toString());
  }

  @Test
  void shouldFailClosedWhenASignalCannotBeRead() {
    metrics.set(q.get(1).promql(), 0.0).fail(q.get(2).promql()); // error ratio: no data
    HealthReport r = new HealthGate(metrics).assess();
    assertFalse(r.ok());
    assertTrue(Double.isNaN(r.health()));
    assertEquals(2, r.problems().size(), r.problems().toString());
  }

  @Test
  void shouldRefuseAThresholdBelowPointEight() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new HealthGate(metrics, q, 0.5));
    assertTrue(e.getMessage().contains("threshold") && e.getMessage().contains("0.5"));
  }
}
