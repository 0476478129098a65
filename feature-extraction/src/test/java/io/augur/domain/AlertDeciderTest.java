package io.augur.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The k-of-n alert policy against probability traces with dips, spikes and flapping. */
class AlertDeciderTest {
  private static final long STEP = 15_000;

  /** A firing or resolution at step index {@code step}. */
  record Event(int step, AlertState state, Severity severity) {}

  static List<Event> run(AlertPolicy policy, double... trace) {
    AlertDecider d = new AlertDecider(policy);
    AlertDecider.State s = new AlertDecider.State();
    List<Event> out = new ArrayList<>();
    for (int i = 0; i < trace.length; i++) {
      FailurePrediction p =
          new FailurePrediction(
              "svc/svc-0:8080",
              Map.of("job", "svc"),
              1_000_000 + i * STEP,
              trace[i],
              Severity.of(trace[i]),
              null,
              null,
              "unknown",
              null,
              null,
              null,
              "test");
      int step = i;
      d.decide(s, p)
          .ifPresent((FailureAlert a) -> out.add(new Event(step, a.state(), a.severity())));
    }
    return out;
  }

  /** {@code n} copies of {@code p}, then the rest. */
  static double[] trace(Object... parts) {
    List<Double> v = new ArrayList<>();
    for (int i = 0; i < parts.length; i += 2) {
      int n = (Integer) parts[i];
      double p = (Double) parts[i + 1];
      for (int j = 0; j < n; j++) {
        v.add(p);
      }
    }
    return v.stream().mapToDouble(Double::doubleValue).toArray();
  }

  @Test
  void shouldFireThroughDipsThatWouldRestartAnUnbrokenHold() {
    // a failure seen at 0.95 with a dip (a missed scrape) every 5th step: never 12 unbroken steps
    double[] t = new double[40];
    for (int i = 0; i < t.length; i++) {
      t[i] = i % 5 == 4 ? 0.3 : 0.95;
    }
    List<Event> kOfN = run(AlertPolicy.defaults(), t);
    assertEquals(AlertState.FIRING, kOfN.get(0).state());
    assertEquals(Severity.HIGH, kOfN.get(0).severity());
    // 12 of 16 reached at step 13 (12 highs, dips at 4 and 9)
    assertEquals(13, kOfN.get(0).step());
    assertEquals(
        List.of(),
        run(AlertPolicy.defaults().unbroken(12), t),
        "the old unbroken hold never fires");
  }

  @Test
  void shouldFireAfterExactlyKStepsOnAnUnbrokenRun() {
    List<Event> e = run(AlertPolicy.defaults(), trace(30, 0.1, 20, 0.8));
    assertEquals(new Event(30 + 11, AlertState.FIRING, Severity.MEDIUM), e.get(0));
  }

  @Test
  void shouldNotFireOnSpikesShorterThanTheHold() {
    // 11 of every 16 steps above: one short of k, forever
    double[] t = new double[200];
    for (int i = 0; i < t.length; i++) {
      t[i] = i % 16 < 11 ? 0.99 : 0.2;
    }
    assertEquals(List.of(), run(AlertPolicy.defaults(), t));
    // isolated benign spikes, one step each
    assertEquals(
        List.of(), run(AlertPolicy.defaults(), trace(10, 0.1, 1, 1.0, 10, 0.1, 2, 1.0, 20, 0.1)));
  }

  @Test
  void shouldNotFireOnAFirstStepBelowTheThresholdEvenWhenTheWindowHoldsK() {
    // 12 highs then a dip: it fires on the 12th high, not later on the dip
    List<Event> e = run(AlertPolicy.defaults(), trace(12, 0.95, 1, 0.2));
    assertEquals(1, e.size());
    assertEquals(11, e.get(0).step());
  }

  @Test
  void shouldStayActiveThroughShortDipsAndResolveWhenTheHoldBreaks() {
    AlertPolicy p = AlertPolicy.defaults();
    // fire, then dips of up to 4 steps below the resolve threshold (0.6) keep it; the 5th low step
    // of 16 resolves
    List<Event> e = run(p, trace(12, 0.8, 4, 0.1, 16, 0.8, 5, 0.1, 10, 0.1));
    assertEquals(
        List.of(
            new Event(11, AlertState.FIRING, Severity.MEDIUM),
            new Event(12 + 4 + 16 + 4, AlertState.RESOLVED, Severity.MEDIUM)),
        e);
  }

  @Test
  void shouldCountStepsBetweenTheResolveAndFireThresholdsTowardsKeepingTheAlert() {
    // 0.65 is below mediumAt but above mediumAt - hysteresis: it neither fires nor resolves
    List<Event> e = run(AlertPolicy.defaults(), trace(12, 0.8, 40, 0.65, 5, 0.5));
    assertEquals(
        List.of(
            new Event(11, AlertState.FIRING, Severity.MEDIUM),
            new Event(12 + 40 + 4, AlertState.RESOLVED, Severity.MEDIUM)),
        e);
    assertEquals(List.of(), run(AlertPolicy.defaults(), trace(60, 0.65)), "0.65 alone never fires");
  }

  @Test
  void shouldRaiseToHighOnceAndKeepTheStartTime() {
    List<Event> e = run(AlertPolicy.defaults(), trace(12, 0.8, 3, 0.95, 3, 0.8, 3, 0.99));
    assertEquals(
        List.of(
            new Event(11, AlertState.FIRING, Severity.MEDIUM),
            new Event(12, AlertState.FIRING, Severity.HIGH)),
        e);
  }

  @Test
  void shouldNotFlapOnANoisyTraceAroundTheThreshold() {
    // a trace hovering at 0.6 +- 0.2 (a quarter of its steps at or above 0.7): the unbroken 2-step
    // hold flaps,
    // 12 of 16 does not fire
    SplittableRandom r = new SplittableRandom(7);
    double[] t = new double[2000];
    for (int i = 0; i < t.length; i++) {
      t[i] = Math.max(0, Math.min(1, 0.6 + 0.2 * (r.nextDouble() * 2 - 1)));
    }
    List<Event> strict = run(AlertPolicy.defaults(), t);
    List<Event> loose = run(AlertPolicy.defaults().unbroken(2), t);
    assertTrue(loose.size() > 20, "the 2-step hold fires often on noise: " + loose.size());
    assertEquals(
        List.of(),
        strict,
        "k of n needs 12 of 16 above 0.7; noise with a quarter above does not get there");
  }

  @Test
  void shouldCatchAFailureWithMissingStepsFromAMessyTrace() {
    // a ramp to 1.0 where 30 % of the steps read low (missing data): the alert still fires, within
    // 8 steps of
    // where the clean ramp fires
    SplittableRandom r = new SplittableRandom(42);
    double[] clean = new double[120];
    double[] messy = new double[120];
    for (int i = 0; i < clean.length; i++) {
      clean[i] = i < 40 ? 0.05 : Math.min(1.0, 0.05 + (i - 40) * 0.05);
      messy[i] = r.nextDouble() < 0.3 ? 0.2 : clean[i];
    }
    int cleanAt = run(AlertPolicy.defaults(), clean).get(0).step();
    int messyAt = run(AlertPolicy.defaults(), messy).get(0).step();
    assertTrue(
        messyAt >= cleanAt && messyAt <= cleanAt + 8,
        "clean fires at " + cleanAt + ", messy at " + messyAt);
  }

  @Test
  void shouldRefuseAPolicyWhoseWindowCannotHoldK() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AlertPolicy.defaults().withHold(12, 8));
    assertTrue(
        e.getMessage().contains("windowSteps must be within [holdSteps=12, 64], got 8"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> AlertPolicy.defaults().withHold(12, 65));
    assertThrows(IllegalArgumentException.class, () -> new AlertPolicy(0.7, 0.9, 0.7, 12, 16));
  }

  @Test
  void shouldForgetEverythingOnceQuietForAWholeWindow() {
    AlertDecider d = AlertDecider.defaults();
    AlertDecider.State s = new AlertDecider.State();
    double[] t = trace(12, 0.9, 16, 0.0);
    for (int i = 0; i < t.length; i++) {
      d.decide(
          s,
          new FailurePrediction(
              "c/c",
              Map.of(),
              i * STEP,
              t[i],
              Severity.NONE,
              null,
              null,
              null,
              null,
              null,
              null,
              "test"));
    }
    assertTrue(s.isIdle(), "state can be cleared");
  }
}
