package io.augur.evaluation.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.chaos.loop.OutcomeLog;
import io.augur.chaos.sim.SimulatedFleet;
import io.augur.evaluation.loop.LoopSimulation.SeedResult;
import io.augur.evaluation.loop.LoopSimulation.StrategyRun;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small {@code loop simulate} (2 seeds, 20 services, 10 experiments per strategy): what a user
 * checks in its report. The full run and its figures: docs/BENCHMARKS.md.
 */
class LoopSimulationTest {
  @TempDir static Path dir;

  private static LoopSimulation.Config config;
  private static List<SeedResult> results;
  private static LoopReport report;

  @BeforeAll
  static void simulate() {
    config =
        new LoopSimulation.Config(
            20, 10, 5, 30, 12, 2, 1, 1.0, Strategy.all(), dir.resolve("work"));
    LoopSimulation sim = new LoopSimulation(config);
    results = new ArrayList<>();
    for (long seed = 11; seed <= 12; seed++) {
      results.add(sim.run(seed));
    }
    report = new LoopReport(config, results, 1.0, "test");
  }

  @Test
  void shouldSpendTheWholeBudgetOfEveryStrategyThroughTheRealEngine() {
    for (SeedResult r : results) {
      for (Strategy s : Strategy.all()) {
        StrategyRun run = r.runs().get(s);
        assertEquals(config.budget(), run.experiments(), s + " seed " + r.seed());
        int[] c = run.cumulativeWeaknesses();
        for (int k = 1; k < c.length; k++) {
          assertTrue(c[k] >= c[k - 1] && c[k] <= c[k - 1] + 1, "one experiment, one find at most");
        }
        assertTrue(run.weaknessesFound() <= r.weakPairs());
        assertTrue(run.weaknessesFound() <= run.weakBreaches());
        // one outcome per experiment in the strategy's real outcome log
        Path log =
            config.workDir().resolve("seed-" + r.seed()).resolve(s.id()).resolve("outcomes.jsonl");
        assertEquals(config.budget(), new OutcomeLog(log).read().outcomes().size(), log.toString());
      }
    }
  }

  @Test
  void shouldNeverBreachOutsideTheAllowedBlastRadius() {
    assertEquals(0, report.outsideBlastRadiusTotal());
    for (SeedResult r : results) {
      r.runs()
          .values()
          .forEach(run -> assertEquals(0, run.outsideBlastRadius(), run.strategy().id()));
    }
  }

  @Test
  void shouldComputeEveryIntervalFromThePerSeedFigures() {
    for (Strategy s : Strategy.all()) {
      double[] rates =
          results.stream()
              .mapToDouble(r -> r.runs().get(s).weaknessesFound() / (double) config.budget())
              .toArray();
      assertEquals(Interval.of(rates), report.of(s).rate(), s.id());
    }
    double[] gains =
        results.stream()
            .mapToDouble(r -> r.withFeedback().aucPr() - r.withoutFeedback().aucPr())
            .toArray();
    assertEquals(Interval.of(gains), report.aucPrGain());
    assertEquals(
        Interval.of(results.stream().mapToDouble(SeedResult::baseRate).toArray()),
        report.baseRate());
  }

  @Test
  void shouldWriteTheReportAndTheCurves() throws Exception {
    List<Path> written = report.write(dir.resolve("report"));
    String md = Files.readString(written.get(0));
    for (Strategy s : Strategy.all()) {
      assertTrue(md.contains("| " + s.title() + " | "), s.title());
    }
    for (String section :
        List.of(
            "## Targeting",
            "## Targets",
            "## Detection of later natural incidents",
            "## Refusals by the safety gates",
            "## Per seed",
            "## What the simulation assumes",
            "Breaches outside the allowed blast radius: **0**",
            "![cumulative weaknesses](loop-curves.png)")) {
      assertTrue(md.contains(section), section);
    }
    assertTrue(md.contains("| 11 | ") && md.contains("| 12 | "), "a row per seed");
    BufferedImage png = ImageIO.read(written.get(1).toFile());
    assertNotNull(png);
    assertEquals(1000, png.getWidth());
    for (SeedResult r : results) {
      assertTrue(r.withoutFeedback().windows() > 0 && r.withoutFeedback().positives() >= 0);
      assertEquals(r.withoutFeedback().windows(), r.withFeedback().windows(), "same windows");
    }
  }

  /**
   * Random over every pair once: its weaknesses found per experiment is the hidden base rate up to
   * the breach draws (variance sum f(1 - f) / N^2 over the weak pairs).
   */
  @Test
  void shouldFindWithRandomTargetingWhatTheHiddenBaseRateSays() {
    int services = 20;
    int pairs = services * Telemetry.TYPES.size();
    LoopSimulation.Config c =
        new LoopSimulation.Config(
            services, pairs, 20, 45, 12, 1, 1000, 1.0, List.of(Strategy.RANDOM), dir.resolve("r"));
    LoopSimulation sim = new LoopSimulation(c);
    SeedResult r = sim.run(5);
    SimulatedFleet fleet = SimulatedFleet.generate(5, services, LoopSimulation.NAMESPACE);
    double var = 0;
    for (var w : fleet.weaknesses(LoopSimulation.WEAK)) {
      if (Telemetry.TYPES.stream().anyMatch(t -> t.id().equals(w.getValue()))) {
        double f = fleet.fragility(w.getKey(), w.getValue());
        var += f * (1 - f);
      }
    }
    double sd = Math.sqrt(var) / pairs;
    double rate = r.runs().get(Strategy.RANDOM).weaknessesFound() / (double) pairs;
    System.out.printf(
        java.util.Locale.ROOT,
        "random %.3f, hidden base rate %.3f (sd %.3f)%n",
        rate,
        r.baseRate(),
        sd);
    assertEquals(pairs, r.runs().get(Strategy.RANDOM).experiments());
    assertEquals(r.baseRate(), rate, 4 * sd + 1e-9);
  }

  @Test
  void shouldRefuseABudgetLargerThanTheFleet() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new LoopSimulation.Config(
                    2, 13, 4, 30, 8, 3, 2, 1.0, Strategy.all(), dir.resolve("x")));
    assertTrue(e.getMessage().contains("budget"), e.getMessage());
  }
}
