package io.augur.job.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.augur.chaos.exec.FaultJournal;
import io.augur.chaos.loop.OutcomeLog;
import io.augur.chaos.score.ResilienceScorer;
import io.augur.chaos.sim.SimulatedFleet;
import io.augur.domain.ExperimentOutcome;
import io.augur.domain.ExperimentPlan;
import io.augur.fleet.FleetConfig;
import io.augur.job.JobSettings;
import io.augur.job.chaos.RoundSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's closed loop on a MiniCluster: the planner's plans run through the experiment engine
 * against the simulated cluster, their outcomes come back through the followed outcome log, and
 * what the loop found is checked against the hidden fragilities; the predictions are the same with
 * the loop on and off.
 */
class DemoLoopITCase {

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  // 20 services for 3 simulated hours with 3 failures; 1-minute rounds, so that an experiment
  // (and the wait for its outcome) spans rounds; a rollout on the simulated cluster is over the 2 %
  // approval threshold, so the plans run on the demo's explicit pre-approval
  private static final FleetConfig FLEET =
      new FleetConfig(20, 5, FleetConfig.DEFAULT_START_MS, 15_000, 3 * 240, 3, true);
  private static final DemoRun.Chaos LOOP =
      new DemoRun.Chaos(DemoRun.Chaos.Mode.LOOP, Duration.ofMinutes(1), 4, "it-operator");

  @TempDir Path dir;

  private DemoRun.Result run(Path out, DemoRun.Chaos chaos) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    return DemoRun.run(
        env, new DemoRun.Options(FLEET, 240, 0.0, out, JobSettings.defaults(), chaos), false);
  }

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void shouldRunPlansThroughTheEngineAndFeedTheirOutcomesBackIntoThePlanner() throws Exception {
    Path out = dir.resolve("loop");
    DemoRun.Result r = run(out, LOOP);
    DemoLoop.Report loop = r.loop();
    assertNotNull(loop);
    SimulatedFleet cluster = DemoRun.cluster(FLEET);
    ObjectMapper json = new ObjectMapper();

    // the planner's pod counts are the cluster's, read off the kube-state-metrics samples
    List<ExperimentPlan> plans = r.chaosPlans();
    assertFalse(plans.isEmpty(), "the planner planned");
    for (ExperimentPlan p : plans) {
      String svc = p.evidence().get("app");
      assertEquals(
          Integer.toString(cluster.service(svc).replicas()),
          p.evidence().get("targetPods"),
          p.id() + ": pods of " + svc);
      assertEquals(Integer.toString(cluster.totalPods()), p.evidence().get("systemPods"), p.id());
    }

    // every plan reached the engine; those it ran left outcomes in the followed log, and no fault
    List<DemoExperiments.Run> runs = new ArrayList<>();
    for (String line : Files.readAllLines(out.resolve(DemoRun.RUNS))) {
      runs.add(json.readValue(line, DemoExperiments.Run.class));
    }
    assertEquals(plans.size(), runs.size(), "one run per plan");
    List<ExperimentOutcome> outcomes =
        new OutcomeLog(out.resolve(DemoRun.OUTCOMES)).read().outcomes();
    Map<String, List<ExperimentOutcome>> byPlan =
        outcomes.stream().collect(Collectors.groupingBy(ExperimentOutcome::planId));
    int ran = 0;
    for (DemoExperiments.Run run : runs) {
      if (run.verdict().equals("REFUSED")) {
        assertFalse(byPlan.containsKey(run.planId()), "a refused plan touched nothing: " + run);
      } else {
        ran++;
        assertTrue(Set.of("PASSED", "ABORTED", "FAILED").contains(run.verdict()), run.toString());
        assertTrue(byPlan.containsKey(run.planId()), "the engine recorded " + run);
        for (ExperimentOutcome o : byPlan.get(run.planId())) {
          assertEquals(run.plannedAtMs(), o.startedAtMs(), "ran on simulated time from its round");
        }
      }
    }
    assertTrue(
        ran >= 20,
        "experiments ran through the engine: "
            + ran
            + " of "
            + runs.size()
            + "; refused for "
            + runs.stream()
                .filter(x -> x.verdict().equals("REFUSED"))
                .map(DemoExperiments.Run::reason)
                .distinct()
                .limit(5)
                .toList());
    assertEquals(ran, loop.experimentsRun());
    assertTrue(
        runs.stream().anyMatch(x -> x.requiredApproval() && !x.verdict().equals("REFUSED")),
        "plans needing a human ran on the pre-approval");
    assertEquals(
        List.of(),
        new FaultJournal(out.resolve(DemoRun.JOURNAL)).read().faults(),
        "every fault reverted");

    // the planner read the outcomes back, and an experiment still running held a second one back
    List<RoundSummary> rounds = new ArrayList<>();
    for (String line : Files.readAllLines(out.resolve(DemoRun.ROUNDS))) {
      rounds.add(json.readValue(line, RoundSummary.class));
    }
    assertTrue(
        rounds.stream().anyMatch(x -> x.outcomes() > 0),
        "no round's history held an outcome read back from the log");
    assertTrue(loop.maxOutcomesReadBack() > 0);
    int blocked =
        rounds.stream()
            .mapToInt(x -> x.heldByReason().getOrDefault("experiment running on the service", 0))
            .sum();
    assertTrue(blocked > 0, "no plan was held back by an experiment running on its service");
    assertEquals(blocked, loop.blockedByRunning());

    // what the loop found, against the hidden fragilities it never saw
    Map<String, int[]> tests = new HashMap<>();
    for (ExperimentOutcome o : outcomes) {
      int[] c =
          tests.computeIfAbsent(
              ResilienceScorer.serviceOf(o.target()) + " " + o.experimentType(), k -> new int[2]);
      c[0]++;
      c[1] += o.status() == ExperimentOutcome.Status.PASSED ? 0 : 1;
    }
    Set<String> breached = new TreeSet<>();
    tests.forEach(
        (k, c) -> {
          if (c[1] > 0) {
            breached.add(k);
          }
        });
    Set<String> reported = new TreeSet<>();
    loop.found().forEach(w -> reported.add(w.service() + " " + w.experimentType()));
    loop.falseFound().forEach(w -> reported.add(w.service() + " " + w.experimentType()));
    assertEquals(breached, reported, "the report's weaknesses are the breached pairs");
    Set<String> hidden = new TreeSet<>();
    cluster
        .weaknesses(DemoLoop.WEAK_ABOVE)
        .forEach(e -> hidden.add(e.getKey() + " " + e.getValue()));
    assertFalse(loop.found().isEmpty(), "the loop found no weakness");
    for (DemoLoop.Weakness w : loop.found()) {
      assertTrue(hidden.contains(w.service() + " " + w.experimentType()), w + " is hidden");
    }
    for (DemoLoop.Weakness w : loop.falseFound()) {
      assertFalse(hidden.contains(w.service() + " " + w.experimentType()), w + " is robust");
    }
    assertEquals(hidden.size(), loop.hidden());
    // experiments breach weak pairs far more often than robust ones
    int[] weak = new int[2];
    int[] robust = new int[2];
    tests.forEach(
        (k, c) -> {
          int[] into = hidden.contains(k) ? weak : robust;
          into[0] += c[0];
          into[1] += c[1];
        });
    assertTrue(weak[0] > 0 && robust[0] > 0, "tested weak and robust pairs");
    double weakRate = weak[1] / (double) weak[0];
    double robustRate = robust[1] / (double) robust[0];
    assertTrue(
        weakRate > 0.4 && robustRate < 0.2,
        "breach rate on weak pairs " + weakRate + ", on robust pairs " + robustRate);

    // the loop changes nothing the models predict or alert
    Path off = dir.resolve("off");
    DemoRun.Result quiet = run(off, DemoRun.Chaos.off());
    assertEquals(null, quiet.loop());
    assertFalse(Files.exists(off.resolve("chaos-targets.jsonl")), "no planner with the loop off");
    assertEquals(
        sorted(off.resolve("predictions.jsonl")),
        sorted(out.resolve("predictions.jsonl")),
        "predictions with the loop on and off");
    assertEquals(sorted(off.resolve("alerts.jsonl")), sorted(out.resolve("alerts.jsonl")));
    assertEquals(quiet.scorecard(), r.scorecard());
  }

  private static List<String> sorted(Path p) throws Exception {
    List<String> l = new ArrayList<>(Files.readAllLines(p));
    assertFalse(l.isEmpty(), p + " is empty");
    l.sort(null);
    return l;
  }
}
