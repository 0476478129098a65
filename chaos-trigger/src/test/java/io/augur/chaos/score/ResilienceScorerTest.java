package io.augur.chaos.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.chaos.prom.InMemoryMetricsSource;
import io.augur.domain.ExperimentOutcome;
import io.augur.domain.ExperimentOutcome.Status;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResilienceScorerTest {
  private final ScoreConfig config = ScoreConfig.defaults();

  private static ExperimentOutcome o(
      String target, Status s, long start, long end, Long recoveryMs, boolean auto) {
    return new ExperimentOutcome(
        "p" + start, target, "pod-kill", "unknown", s, start, end, recoveryMs, auto, Map.of(), "");
  }

  @Test
  void shouldMatchHandComputedScoreFromAllSixTerms() {
    Map<ResilienceTerm, Double> raw = new EnumMap<>(ResilienceTerm.class);
    raw.put(ResilienceTerm.AVAILABILITY, 0.999); // 3 nines of 4 -> 0.75
    raw.put(ResilienceTerm.MTTR, 1800.0); // 900 / 1800 -> 0.5
    raw.put(ResilienceTerm.MTBF, 360.0 * 3600); // 360 h of 720 h -> 0.5
    raw.put(ResilienceTerm.ERROR_BUDGET_REMAINING, 0.4);
    raw.put(ResilienceTerm.CHAOS_SUCCESS_RATE, 0.8);
    raw.put(ResilienceTerm.RECOVERY_AUTOMATION_RATE, 0.5);
    ResilienceScore s = new ResilienceScorer(config, null).combine("checkout", raw, Map.of());
    // 0.3*0.75 + 0.2*0.5 + 0.2*0.5 + 0.1*0.4 + 0.1*0.8 + 0.1*0.5 = 0.595
    assertEquals(0.595, s.score(), 1e-9);
    assertEquals(0.75, s.normalised().get(ResilienceTerm.AVAILABILITY), 1e-9);
    assertTrue(s.missing().isEmpty());
  }

  @Test
  void shouldRescaleWeightsWhenATermIsMissing() {
    Map<ResilienceTerm, Double> raw = new EnumMap<>(ResilienceTerm.class);
    raw.put(ResilienceTerm.MTTR, 450.0); // 1
    raw.put(ResilienceTerm.CHAOS_SUCCESS_RATE, 0.5);
    ResilienceScore s = new ResilienceScorer(config, null).combine("x", raw, Map.of());
    assertEquals((0.2 * 1 + 0.1 * 0.5) / 0.3, s.score(), 1e-9);
    assertEquals(4, s.missing().size());
  }

  @Test
  void shouldClampNormalisedTermsToUnitInterval() {
    assertEquals(0.0, config.normalise(ResilienceTerm.ERROR_BUDGET_REMAINING, -0.3));
    assertEquals(1.0, config.normalise(ResilienceTerm.AVAILABILITY, 1.0));
    assertEquals(1.0, config.normalise(ResilienceTerm.AVAILABILITY, 0.99999));
    assertEquals(0.5, config.normalise(ResilienceTerm.AVAILABILITY, 0.99), 1e-9);
    assertEquals(1.0, config.normalise(ResilienceTerm.MTBF, 1e9));
    assertEquals(1.0, config.normalise(ResilienceTerm.MTTR, 0.0));
  }

  @Test
  void shouldDeriveTermsFromOutcomesAndPreferPromql() {
    long h = 3_600_000L;
    List<ExperimentOutcome> outs =
        List.of(
            o("checkout/checkout-0", Status.PASSED, 0, 60_000, 10_000L, true),
            o("checkout/checkout-1", Status.FAILED, 10 * h, 10 * h + 60_000, 120_000L, false),
            o("checkout/checkout-0", Status.ABORTED, 20 * h, 20 * h + 60_000, 50_000L, true),
            o("payments/payments-0", Status.FAILED, 0, 60_000, 999_000L, false));
    InMemoryMetricsSource m =
        new InMemoryMetricsSource()
            .set("avg_over_time(up{job=\"checkout\"}[7d])", 0.99)
            .set("min(slo:error_budget_remaining:ratio{service=\"checkout\"})", 0.2)
            .fail("avg_over_time(augur:incident_recovery_seconds{service=\"checkout\"}[7d])");
    ResilienceScore s = new ResilienceScorer(config, m).score("checkout", outs);
    // success 1/3; automation 1/2 (failed: no, aborted: yes); MTTR mean(10,120,50) = 60 s -> 1;
    // MTBF (20h + 60s) / 1 failure; availability 0.99 -> 0.5; budget 0.2
    assertEquals(1.0 / 3, s.raw().get(ResilienceTerm.CHAOS_SUCCESS_RATE), 1e-12);
    assertEquals(0.5, s.raw().get(ResilienceTerm.RECOVERY_AUTOMATION_RATE), 1e-12);
    assertEquals(60.0, s.raw().get(ResilienceTerm.MTTR), 1e-12);
    assertEquals("outcomes", s.sources().get(ResilienceTerm.MTTR));
    assertEquals("promql", s.sources().get(ResilienceTerm.AVAILABILITY));
    double mtbf = (20 * 3600 + 60) / (720.0 * 3600);
    double expected = 0.3 * 0.5 + 0.2 * 1.0 + 0.2 * mtbf + 0.1 * 0.2 + 0.1 * (1.0 / 3) + 0.1 * 0.5;
    assertEquals(expected, s.score(), 1e-9);
  }
}
