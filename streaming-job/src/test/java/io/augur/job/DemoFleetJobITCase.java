package io.augur.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.domain.AlertState;
import io.augur.domain.DeadLetter;
import io.augur.domain.FailureAlert;
import io.augur.fleet.DemoFleet;
import io.augur.fleet.FleetConfig;
import io.augur.fleet.InjectedFailure;
import io.augur.fleet.Scorecard;
import io.augur.job.demo.DemoRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The whole job on a MiniCluster (parallelism 2) over the simulated fleet. */
class DemoFleetJobITCase {

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  // 8 services, 6 simulated hours, 4 failures: big enough for every stage, small enough for CI
  private static final FleetConfig FLEET =
      new FleetConfig(8, 11, FleetConfig.DEFAULT_START_MS, 15_000, 6 * 240, 4, true);

  @TempDir Path out;

  @Test
  void shouldAlertInsideTheWarningWindowOfInjectedFailures() throws Exception {
    DemoRun.Result r = run(FLEET, 0.001);
    DemoFleet fleet = new DemoFleet(FLEET);
    Scorecard card = r.scorecard();
    assertTrue(card.caught() >= 1, "no injected failure was caught: " + card);
    for (Scorecard.Outcome o : card.outcomes()) {
      if (o.caught()) {
        InjectedFailure f = o.failure();
        assertTrue(o.leadMs() > 0 && o.leadMs() <= f.failureMs() - f.onsetMs(), o.toString());
      }
    }
    // every valid sample reached the job; every corrupted one is a dead letter with a reason
    long generated = 0;
    for (long k = 0; k < fleet.steps(); k++) {
      generated += fleet.step(k).size();
    }
    assertEquals(generated, r.samples() + r.deadLetters());
    assertTrue(r.deadLetters() > 0, "the corrupt rate should have produced dead letters");
    List<String> deadLines = Files.readAllLines(out.resolve("deadletters.jsonl"));
    assertEquals(r.deadLetters(), deadLines.size());
    DeadLetter first =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readValue(deadLines.get(0), DeadLetter.class);
    assertEquals("parse", first.stage());
    assertTrue(!first.message().isBlank() && !first.rawInput().isBlank(), first.toString());
  }

  @Test
  void shouldStayQuietOnAFleetWithoutFailures() throws Exception {
    DemoRun.Result r = run(FLEET.withFailures(0), 0.0);
    List<FailureAlert> firing =
        r.alerts().stream().filter(a -> a.state() == AlertState.FIRING).toList();
    assertEquals(List.of(), firing, "a quiet fleet should raise no alert");
    assertEquals(0, r.deadLetters());
  }

  private DemoRun.Result run(FleetConfig fleet, double corruptRate) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    return DemoRun.run(
        env, new DemoRun.Options(fleet, 0, corruptRate, out, JobSettings.defaults()), false);
  }
}
