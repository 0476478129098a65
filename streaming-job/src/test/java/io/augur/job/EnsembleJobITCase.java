package io.augur.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.domain.AlertState;
import io.augur.domain.FailureAlert;
import io.augur.fleet.FleetConfig;
import io.augur.fleet.Scorecard;
import io.augur.job.demo.DemoRun;
import io.augur.models.ProgressListener;
import io.augur.training.demo.DemoBundle;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job scoring with a real model bundle (trained here on simulated fleets of other seeds) over a
 * fleet it has never seen: the features, windows, batched ensemble scoring and alerting together.
 */
class EnsembleJobITCase {

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  private static final FleetConfig FLEET =
      new FleetConfig(10, 77, FleetConfig.DEFAULT_START_MS, 15_000, 6 * 240, 6, true);

  @TempDir static Path dir;
  static Path bundle;

  @BeforeAll
  static void trainBundle() throws Exception {
    bundle = dir.resolve("bundle");
    DemoBundle.Spec small = new DemoBundle.Spec(3, 500, 6, 8, 4, 3);
    DemoBundle.save(DemoBundle.train(small, ProgressListener.NONE), bundle);
  }

  @Test
  void shouldCatchMostInjectedFailuresOnAnUnseenFleet() throws Exception {
    DemoRun.Result r = run(FLEET, dir.resolve("failing"));
    Scorecard card = r.scorecard();
    assertTrue(
        card.caught() * 2 >= card.failures(), "the ensemble caught too few failures: " + card);
    for (Scorecard.Outcome o : card.outcomes()) {
      if (o.caught()) {
        assertTrue(o.leadMs() > 0, "an alert must come before the failure: " + o);
      }
    }
    FailureAlert first =
        r.alerts().stream().filter(a -> a.state() == AlertState.FIRING).findFirst().orElseThrow();
    assertTrue(
        first
            .prediction()
            .modelParts()
            .keySet()
            .containsAll(List.of("isolation-forest", "random-forest", "lstm")),
        "each prediction carries every model's part: " + first.prediction().modelParts());
    assertTrue(
        !first.prediction().contributingFeatures().isEmpty()
            && !first.prediction().recommendedActions().isEmpty());
  }

  @Test
  void shouldRaiseFewAlertsOnAQuietFleet() throws Exception {
    DemoRun.Result r = run(FLEET.withFailures(0), dir.resolve("quiet"));
    long firing = r.alerts().stream().filter(a -> a.state() == AlertState.FIRING).count();
    // 10 services x 6 h; a false alarm a service-day is the most an on-call team would accept here
    assertTrue(firing <= 3, "too many alerts on a quiet fleet: " + firing);
    assertEquals(0, r.deadLetters());
  }

  private static DemoRun.Result run(FleetConfig fleet, Path out) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    JobSettings settings = JobSettings.defaults().withBundle(bundle.toString());
    return DemoRun.run(env, new DemoRun.Options(fleet, 0, 0.0, out, settings), false);
  }
}
