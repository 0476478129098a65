package io.augur.chaos.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AbortConditionTest {
  @Test
  void shouldKeepTheTriggerTextOfConditionsWithoutFor() {
    assertEquals(
        "abort if slo-burn-rate: max(slo:burn_rate:ratio_rate5m) > 14.4",
        AbortCondition.defaults().get(0).trigger());
    assertEquals(Duration.ZERO, new AbortCondition("a", "up", false, 1).forDuration());
  }

  @Test
  void shouldWriteForAfterTheThreshold() {
    AbortCondition c = new AbortCondition("latency", "max(p99)", true, 1.5, Duration.ofSeconds(30));
    assertEquals("abort if latency: max(p99) > 1.5 for 30s", c.trigger());
    assertEquals("> 1.5 for 30s", c.limit());
  }

  @Test
  void shouldReadBackEveryTriggerItWrites() {
    List<AbortCondition> cs = new java.util.ArrayList<>(AbortCondition.defaults());
    cs.add(new AbortCondition("latency", "max(p99)", true, 1.5, Duration.ofSeconds(30)));
    cs.add(
        new AbortCondition(
            "filtered", "sum(rate(errors_total[1m])) > 0", true, 3, Duration.ofMillis(1500)));
    cs.add(new AbortCondition("compare-both", "a > b < c", false, -0.25, Duration.ofMinutes(2)));
    cs.add(new AbortCondition("recording-rule", "job:up:avg{env=\"a: b\"}", false, 0.9));
    cs.add(new AbortCondition("tiny", "x", true, 1e-7, Duration.ofHours(1)));
    cs.add(
        new AbortCondition(
            "multi-line", "sum(\n  rate(x[1m])\n) > 2", true, 5.0, Duration.ofSeconds(5)));
    cs.add(new AbortCondition("ends-like-for", "vector(1) > 2 for", true, 5.0));
    for (AbortCondition c : cs) {
      assertEquals(c, AbortCondition.parse(c.trigger()), c.trigger());
      assertEquals(c.trigger(), AbortCondition.parse(c.trigger()).trigger());
    }
    assertEquals(cs.get(0), AbortCondition.parse("  " + cs.get(0).trigger() + "\n"));
  }

  @Test
  void shouldNameTheTextAndTheProblemWhenATriggerDoesNotParse() {
    for (String[] bad :
        new String[][] {
          {"restart if slow", "must start with \"abort if \""},
          {"abort if nameless > 3", "name must be followed by \": \""},
          {"abort if x: up", "expected \"<promql> > <threshold>\""},
          {"abort if x: up > lots", "threshold \"lots\" is not a number"},
          {"abort if x: up > NaN", "must be finite"},
          {"abort if x: up > 1 for ever", "threshold \"1 for ever\"".substring(0, 0) + "expected"},
          {"abort if x:  > 1", "expected"}
        }) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> AbortCondition.parse(bad[0]), bad[0]);
      assertTrue(e.getMessage().contains("\"" + bad[0] + "\""), e.getMessage());
      assertTrue(e.getMessage().contains(bad[1]), e.getMessage());
    }
  }

  @Test
  void shouldRefuseANameThatWouldEndEarlyInTheTrigger() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new AbortCondition("a: b", "up", true, 1));
    assertTrue(e.getMessage().contains("\"a: b\""), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> new AbortCondition("a", "up", true, 1, Duration.ofSeconds(-1)));
  }

  @Test
  void shouldLetTheGatesFindAPolicyConditionWithForInThePlannersTriggers() {
    AbortCondition c = new AbortCondition("latency", "max(p99)", true, 1.5, Duration.ofSeconds(30));
    assertEquals(c.trigger(), AbortCondition.parse(c.trigger()).trigger());
  }
}
