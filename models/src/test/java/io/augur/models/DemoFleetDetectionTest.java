package io.augur.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.domain.FailurePrediction;
import io.augur.domain.FeatureVector;
import io.augur.domain.Severity;
import io.augur.fleet.DemoFleet;
import io.augur.fleet.FleetConfig;
import io.augur.fleet.InjectedFailure;
import io.augur.models.ensemble.Ensemble;
import io.augur.models.ensemble.EnsembleTrainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Trains on one simulated demo fleet (every service fails once) and scores another fleet with the
 * demo's defaults (seed 7, 8 failures): the failures are caught in their warning windows, quiet
 * components rarely alert, and alerts name the right failure mode.
 */
class DemoFleetDetectionTest {

  private static DemoFleet testFleet;
  private static List<FailurePrediction> predictions;
  private static Ensemble ensemble;

  @BeforeAll
  static void trainAndScore() {
    DemoFleet trainFleet = new DemoFleet(FleetConfig.demo(101).withFailures(20));
    Map<String, List<FeatureVector>> tv = DemoFleetVectors.vectors(trainFleet);
    TrainingSet set = new TrainingSet(DemoFleetVectors.SCHEMA, DemoFleetVectors.labelled(trainFleet, tv), List.of());
    EnsembleTrainer.Config c = TrainedFixture.config();
    ensemble = new EnsembleTrainer(c).train(set, 7, ProgressListener.NONE);
    testFleet = new DemoFleet(FleetConfig.demo(7));
    predictions = ensemble.predict(DemoFleetVectors.windows(DemoFleetVectors.vectors(testFleet)));
  }

  @Test
  void shouldCatchMostInjectedFailuresBeforeTheyHappen() {
    int caught = 0;
    List<String> missed = new ArrayList<>();
    for (InjectedFailure f : testFleet.failures()) {
      boolean hit = predictions.stream().anyMatch(p -> p.component().equals(f.component())
          && f.inWarningWindow(p.timestampMs()) && p.severity() != Severity.NONE);
      if (hit) {
        caught++;
      } else {
        missed.add(f.mode().id());
      }
    }
    assertTrue(caught >= 6, "caught " + caught + " of " + testFleet.failures().size() + ", missed " + missed);
  }

  @Test
  void shouldRarelyAlertOnQuietComponents() {
    long normal = 0;
    long alerts = 0;
    for (FailurePrediction p : predictions) {
      if (DemoFleetVectors.incident(testFleet, p.component(), p.timestampMs()) == null) {
        normal++;
        alerts += p.severity() != Severity.NONE ? 1 : 0;
      }
    }
    assertTrue(normal > 1000, "normal windows " + normal);
    assertTrue(alerts <= 0.01 * normal, alerts + " false alerts in " + normal + " normal windows");
  }

  @Test
  void shouldNameTheFailureModeOfMostCaughtFailures() {
    int named = 0;
    int right = 0;
    for (InjectedFailure f : testFleet.failures()) {
      List<FailurePrediction> alerts = predictions.stream().filter(p -> p.component().equals(f.component())
          && f.inWarningWindow(p.timestampMs()) && p.severity() != Severity.NONE).toList();
      if (!alerts.isEmpty()) {
        named++;
        FailurePrediction last = alerts.get(alerts.size() - 1);
        right += last.failureMode().equals(f.mode().id()) ? 1 : 0;
      }
    }
    assertTrue(named > 0);
    // six modes: chance is 1/6; demand three times chance
    assertTrue(right >= named * 0.5, right + " of " + named + " alerts name the right mode");
  }

  @Test
  void shouldPredictAFailureTimeNearTheRealOne() {
    List<Long> errors = new ArrayList<>();
    for (InjectedFailure f : testFleet.failures()) {
      predictions.stream().filter(p -> p.component().equals(f.component()) && f.inWarningWindow(p.timestampMs())
          && p.severity() != Severity.NONE).reduce((a, b) -> b)
          .ifPresent(p -> errors.add(Math.abs(p.predictedFailureTimeMs() - f.failureMs())));
    }
    assertEquals(false, errors.isEmpty());
    errors.sort(Long::compare);
    long median = errors.get(errors.size() / 2);
    assertTrue(median <= 30 * 60_000L, "median error of predicted failure time " + median / 60_000 + " min; all " + errors);
  }
}
