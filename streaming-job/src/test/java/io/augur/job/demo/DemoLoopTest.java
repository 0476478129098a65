package io.augur.job.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.augur.chaos.loop.OutcomeLog;
import io.augur.chaos.sim.SimulatedFleet;
import io.augur.domain.ExperimentOutcome;
import io.augur.job.chaos.RoundSummary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loop's report, from hand-written rounds, runs and outcomes against a known fleet. */
class DemoLoopTest {
  private static final long T = 1_767_607_200_000L;
  private static final List<String> NAMES =
      List.of("checkout", "payments", "cart", "catalog", "search", "auth", "orders", "shipping");

  @TempDir Path dir;

  @Test
  void shouldCountFoundFalseAndHiddenWeaknessesAndTheLoopsBookkeeping() throws Exception {
    SimulatedFleet fleet = SimulatedFleet.over(9, NAMES, "demo");
    // a fault type the planner can choose, to which one service is weak and another robust
    String type = null;
    String weak = null;
    String robust = null;
    for (String t : DemoLoop.plannableTypes()) {
      String w = null;
      String ro = null;
      for (String s : NAMES) {
        if (fleet.fragility(s, t) >= DemoLoop.WEAK_ABOVE) {
          w = w == null ? s : w;
        } else {
          ro = ro == null ? s : ro;
        }
      }
      if (w != null && ro != null) {
        type = t;
        weak = w;
        robust = ro;
        break;
      }
    }
    assertTrue(type != null, "seed 9 hides a weakness of a plannable type");
    ObjectMapper m = new ObjectMapper();
    List<String> rounds = new ArrayList<>();
    rounds.add(
        m.writeValueAsString(
            new RoundSummary(T, 8, List.of(weak + "/x", robust + "/x"), Map.of(), Map.of(), 0, 0)));
    rounds.add(
        m.writeValueAsString(
            new RoundSummary(
                T + 900_000,
                8,
                List.of(robust + "/x"),
                Map.of("DEFERRED", 1),
                Map.of("experiment running on the service", 1),
                2,
                1)));
    Files.write(dir.resolve("rounds"), rounds);
    List<String> runs = new ArrayList<>();
    runs.add(
        m.writeValueAsString(new DemoExperiments.Run("p1", weak, type, T, "ABORTED", "", false)));
    runs.add(
        m.writeValueAsString(new DemoExperiments.Run("p2", robust, type, T, "ABORTED", "", false)));
    runs.add(
        m.writeValueAsString(
            new DemoExperiments.Run("p3", robust, type, T + 900_000, "PASSED", "", false)));
    runs.add(
        m.writeValueAsString(
            new DemoExperiments.Run(
                "p4", robust, "cpu-spike", T + 900_000, "REFUSED", "needs approval", true)));
    Files.write(dir.resolve("runs"), runs);
    OutcomeLog log = new OutcomeLog(dir.resolve("outcomes"));
    log.append(outcome("p1", weak, type, ExperimentOutcome.Status.ABORTED, T));
    log.append(outcome("p2", robust, type, ExperimentOutcome.Status.ABORTED, T));
    log.append(outcome("p3", robust, type, ExperimentOutcome.Status.PASSED, T + 900_000));

    DemoLoop.Report r =
        DemoLoop.read(
            dir.resolve("rounds"), dir.resolve("runs"), dir.resolve("outcomes"), fleet, null);
    assertEquals(2, r.rounds().size());
    assertEquals(4, r.planned());
    assertEquals(3, r.experimentsRun());
    assertEquals(Map.of("ABORTED", 2, "PASSED", 1, "REFUSED", 1), r.verdicts());
    assertEquals(1, r.awaitingApproval());
    assertEquals(1, r.blockedByRunning());
    assertEquals(2, r.maxOutcomesReadBack());
    assertEquals(2, r.pairsTested());
    assertEquals(
        List.of(new DemoLoop.Weakness(weak, type, fleet.fragility(weak, type))), r.found());
    assertEquals(
        List.of(new DemoLoop.Weakness(robust, type, fleet.fragility(robust, type))),
        r.falseFound());
    assertEquals(fleet.weaknesses(DemoLoop.WEAK_ABOVE).size(), r.hidden());
    assertTrue(r.hiddenReachable() <= r.hidden());
    assertEquals(1, r.rounds().get(0).weaknessesFoundSoFar());
    // the weak service failed its only experiment; the robust one passed one of two
    assertEquals(Map.of(weak, r.scores().get(weak), robust, r.scores().get(robust)), r.scores());
    assertTrue(r.scores().get(weak) < r.scores().get(robust), r.scores().toString());

    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DemoLoop.print(r, fleet, new PrintStream(b, true, StandardCharsets.UTF_8));
    String text = b.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("weaknesses found       1 / " + r.hidden() + " hidden"), text);
    assertTrue(text.contains("1 false"), text);
    assertTrue(text.contains("experiment running on the service: 1"), text);
    assertTrue(text.contains("1 awaiting a human's approval"), text);
  }

  private static ExperimentOutcome outcome(
      String plan, String service, String type, ExperimentOutcome.Status s, long at) {
    return new ExperimentOutcome(
        plan,
        service + "/" + service + "-0:8080",
        type,
        "unknown",
        s,
        at,
        at + 60_000,
        s == ExperimentOutcome.Status.PASSED ? null : 30_000L,
        true,
        Map.of(),
        "test");
  }
}
