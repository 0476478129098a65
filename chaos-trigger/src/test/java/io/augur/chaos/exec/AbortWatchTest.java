package io.augur.chaos.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.chaos.prom.InMemoryMetricsSource;
import io.augur.chaos.prom.MetricsSource;
import io.augur.chaos.safety.AbortCondition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class AbortWatchTest {
  private static final AbortCondition SLOW =
      new AbortCondition("slow", "p99", true, 0.5, Duration.ofSeconds(10));
  private static final AbortCondition LOW = new AbortCondition("low", "up", false, 1.0);

  @Test
  void shouldFireOnlyOnceTheConditionHasHeldForItsWholeForDuration() {
    InMemoryMetricsSource m = new InMemoryMetricsSource().set("p99", 0.9).set("up", 1);
    AbortWatch w = new AbortWatch(List.of(SLOW, LOW), m);
    assertEquals(Optional.empty(), w.evaluate(1_000));
    assertEquals(Map.of("slow", 1_000L), w.pending());
    assertEquals(Optional.empty(), w.evaluate(10_999));
    AbortWatch.Breach b = w.evaluate(11_000).orElseThrow();
    assertEquals(SLOW, b.condition());
    assertEquals(1_000, b.pendingSinceMs());
    assertEquals(11_000, b.atMs());
    assertEquals(0.9, b.value());
    assertTrue(b.detail().startsWith("slow 0.9 > 0.5 for 10s"), b.detail());
  }

  @Test
  void shouldStartTheStreakAgainWhenTheValueComesBackOrTheSeriesVanishes() {
    InMemoryMetricsSource m = new InMemoryMetricsSource(); // no series at all
    double[] p99 = {0.9};
    boolean[] empty = {false};
    MetricsSource src = q -> q.equals("p99") && !empty[0] ? OptionalDouble.of(p99[0]) : m.query(q);
    AbortWatch w = new AbortWatch(List.of(SLOW), src);
    w.evaluate(0);
    p99[0] = 0.1;
    w.evaluate(5_000);
    assertEquals(Map.of(), w.pending(), "back within limits resets the streak");
    p99[0] = 0.9;
    w.evaluate(6_000);
    empty[0] = true;
    w.evaluate(7_000);
    assertEquals(Map.of(), w.pending(), "no series resets the streak, as in Prometheus");
    empty[0] = false;
    assertEquals(Optional.empty(), w.evaluate(8_000));
    assertEquals(Optional.empty(), w.evaluate(17_999));
    assertEquals(8_000, w.evaluate(18_000).orElseThrow().pendingSinceMs());
  }

  @Test
  void shouldFailClosedAtOnceWhenAQueryCannotBeAnswered() {
    InMemoryMetricsSource m = new InMemoryMetricsSource().set("p99", 0.1).fail("up");
    AbortWatch.Breach b = new AbortWatch(List.of(SLOW, LOW), m).evaluate(42).orElseThrow();
    assertEquals(LOW, b.condition());
    assertNull(b.value());
    assertTrue(b.detail().contains("could not be evaluated (fail closed)"), b.detail());
    MetricsSource broken =
        q -> {
          throw new IllegalStateException("garbage from the server");
        };
    assertTrue(
        new AbortWatch(List.of(SLOW), broken).evaluate(0).isPresent(),
        "any failure to answer fails closed");
  }

  @Test
  void shouldReportTheFirstConditionInOrderWhenSeveralFire() {
    InMemoryMetricsSource m = new InMemoryMetricsSource().set("a", 5).set("b", 5);
    AbortCondition a = new AbortCondition("a", "a", true, 1);
    AbortCondition b = new AbortCondition("b", "b", true, 1);
    assertEquals(b, new AbortWatch(List.of(b, a), m).evaluate(0).orElseThrow().condition());
  }
}
