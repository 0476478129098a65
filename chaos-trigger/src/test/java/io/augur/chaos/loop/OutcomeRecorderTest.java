package io.augur.chaos.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.augur.chaos.Fixtures;
import io.augur.chaos.Fixtures.MutableClock;
import io.augur.chaos.TestPlans;
import io.augur.chaos.catalogue.ExperimentType;
import io.augur.chaos.prom.InMemoryMetricsSource;
import io.augur.chaos.safety.AbortCondition;
import io.augur.domain.ExperimentOutcome;
import io.augur.domain.ExperimentOutcome.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutcomeRecorderTest {
  @TempDir Path dir;

  @Test
  void shouldRecordMetricsAroundTheFaultWithTheOutcome() {
    List<AbortCondition> conds = AbortCondition.defaults();
    InMemoryMetricsSource m =
        new InMemoryMetricsSource().set(conds.get(1).promql(), 0.01).fail(conds.get(2).promql());
    MutableClock clock = new MutableClock(Fixtures.T0);
    OutcomeLog log = new OutcomeLog(dir.resolve("outcomes.jsonl"));
    OutcomeRecorder rec = new OutcomeRecorder(log, m, conds, clock);
    long start = clock.millis();
    Map<String, Double> before = rec.observe("before");
    assertEquals(Map.of("before.error-ratio", 0.01), before);
    m.set(conds.get(1).promql(), 0.08).set(conds.get(0).promql(), 20.0);
    clock.advance(Duration.ofSeconds(75));
    List<ExperimentOutcome> outs =
        rec.record(
            TestPlans.approved(ExperimentType.POD_KILL),
            Status.ABORTED,
            start,
            15_000L,
            true,
            before,
            "error ratio above 5%");
    assertEquals(1, outs.size());
    ExperimentOutcome o = log.read().outcomes().get(0);
    assertEquals(outs.get(0), o);
    assertEquals("checkout/checkout-0:8080", o.target());
    assertEquals("pod-kill", o.experimentType());
    assertEquals(start + 75_000, o.endedAtMs());
    assertEquals(
        Map.of("before.error-ratio", 0.01, "after.error-ratio", 0.08, "after.slo-burn-rate", 20.0),
        o.observations());
  }
}
