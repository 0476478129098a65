package io.augur.chaos.adaptive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StrategyChooserTest {
  private static final List<Strategy> CANDIDATES =
      List.of(Strategy.RESTART, Strategy.FAILOVER, Strategy.SCALE_OUT, Strategy.ROLLBACK);

  private static Failure failure(boolean critical) {
    return new Failure("f", "process-crash", "api", "shop", critical, "alert", 0);
  }

  private static Attempt attempt(Strategy s, String context, boolean ok, long ms) {
    return new Attempt(
        "f", "process-crash", "api", context, s.id(), "local", ok, ok ? ms : null, 0, "");
  }

  @Test
  void shouldConvergeOnTheMostEffectiveStrategyOverSimulatedRounds() {
    Map<Strategy, Double> truth =
        new EnumMap<>(
            Map.of(
                Strategy.RESTART,
                0.4,
                Strategy.FAILOVER,
                0.9,
                Strategy.SCALE_OUT,
                0.6,
                Strategy.ROLLBACK,
                0.2));
    Random world = new Random(7);
    StrategyChooser chooser = new StrategyChooser(StrategyChooser.Config.DEFAULT, new Random(11));
    List<Attempt> log = new ArrayList<>();
    Map<Strategy, Integer> lastHundred = new EnumMap<>(Strategy.class);
    for (int round = 0; round < 400; round++) {
      Strategy s = chooser.choose(failure(false), CANDIDATES, log).strategy();
      boolean ok = world.nextDouble() < truth.get(s);
      log.add(attempt(s, "standard", ok, 1000));
      if (round >= 300) {
        lastHundred.merge(s, 1, Integer::sum);
      }
    }
    assertTrue(
        lastHundred.getOrDefault(Strategy.FAILOVER, 0) >= 80,
        "failover in the last 100 rounds: " + lastHundred);
    List<EffectivenessTable.Row> rows = EffectivenessTable.of(log);
    EffectivenessTable.Row best =
        rows.stream()
            .max(java.util.Comparator.comparingInt(EffectivenessTable.Row::tries))
            .orElseThrow();
    assertEquals("failover", best.strategy());
    assertTrue(best.successRate() > 0.8 && best.rateLow() > 0.75, "failover row: " + best);
  }

  @Test
  void shouldBreakNearTiesOnRecoveryTime() {
    List<Attempt> log = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      log.add(attempt(Strategy.RESTART, "standard", true, 20_000));
      log.add(attempt(Strategy.FAILOVER, "standard", true, 500));
    }
    StrategyChooser chooser = new StrategyChooser(StrategyChooser.Config.DEFAULT, new Random(3));
    int failover = 0;
    for (int i = 0; i < 200; i++) {
      if (chooser
              .choose(failure(false), List.of(Strategy.RESTART, Strategy.FAILOVER), log)
              .strategy()
          == Strategy.FAILOVER) {
        failover++;
      }
    }
    assertTrue(
        failover > 150,
        "both always succeed; the faster one should win most draws, got " + failover + "/200");
  }

  @Test
  void shouldNeverTryAKnownBadStrategyOnACriticalService() {
    List<Attempt> log = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      log.add(attempt(Strategy.ROLLBACK, "standard", false, 0)); // learnt on a standard service
    }
    log.add(attempt(Strategy.ROLLBACK, "standard", true, 800));
    StrategyChooser chooser = new StrategyChooser(StrategyChooser.Config.DEFAULT, new Random(5));
    for (int i = 0; i < 500; i++) {
      StrategyChooser.Choice c = chooser.choose(failure(true), CANDIDATES, log);
      assertNotEquals(Strategy.ROLLBACK, c.strategy());
      assertTrue(
          c.excluded().get(Strategy.ROLLBACK).contains("1/7 succeeded"), c.excluded().toString());
    }
    // the same record on a standard service is still explored now and then
    int tried = 0;
    for (int i = 0; i < 500; i++) {
      tried +=
          chooser.choose(failure(false), CANDIDATES, log).strategy() == Strategy.ROLLBACK ? 1 : 0;
    }
    assertTrue(tried > 0, "a standard service may still explore the strategy");
    // with too few tries the record is not known yet, even on a critical service
    List<Attempt> few = log.subList(0, 3);
    assertFalse(
        chooser.choose(failure(true), CANDIDATES, few).excluded().containsKey(Strategy.ROLLBACK));
  }

  @Test
  void shouldChooseNothingWhenEveryCandidateIsKnownBadOnACriticalService() {
    List<Attempt> log = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      log.add(attempt(Strategy.RESTART, "critical", false, 0));
    }
    StrategyChooser.Choice c =
        new StrategyChooser(StrategyChooser.Config.DEFAULT, new Random(1))
            .choose(failure(true), List.of(Strategy.RESTART), log);
    assertNull(c.strategy());
  }

  @Test
  void shouldRepeatTheSameChoicesForTheSameSeed() {
    List<Attempt> log =
        List.of(
            attempt(Strategy.RESTART, "standard", true, 100),
            attempt(Strategy.FAILOVER, "standard", false, 0));
    List<Strategy> a = new ArrayList<>();
    List<Strategy> b = new ArrayList<>();
    StrategyChooser x = new StrategyChooser(StrategyChooser.Config.DEFAULT, new Random(42));
    StrategyChooser y = new StrategyChooser(StrategyChooser.Config.DEFAULT, new Random(42));
    for (int i = 0; i < 50; i++) {
      a.add(x.choose(failure(false), CANDIDATES, log).strategy());
      b.add(y.choose(failure(false), CANDIDATES, log).strategy());
    }
    assertEquals(a, b);
    assertTrue(a.stream().distinct().count() > 1, "with little evidence it explores: " + a);
  }
}
