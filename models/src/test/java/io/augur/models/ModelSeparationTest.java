package io.augur.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.models.ensemble.Ensemble;
import io.augur.models.inject.FaultKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * On seeded synthetic data with injected faults, held out from training: does each model separate
 * them?
 */
@Tag("statistical")
class ModelSeparationTest {

  private static Ensemble ensemble;
  private static List<ComponentWindow> windows;
  private static boolean[] failing;

  @BeforeAll
  static void train() {
    ensemble = TrainedFixture.ensemble();
    windows = SyntheticData.windows(TrainedFixture.testSet());
    failing = SyntheticData.labels(TrainedFixture.testSet());
  }

  private static double auc(FailureModel m) {
    return Metrics.rocAuc(
        m.scoreBatch(windows).stream().mapToDouble(ModelScore::probability).toArray(), failing);
  }

  @Test
  void shouldTrainAllThreeMembers() {
    assertEquals(
        List.of("isolation-forest", "lstm", "random-forest"),
        List.copyOf(ensemble.members().keySet()));
  }

  @Test
  void shouldSeparateInjectedFaultsWithIsolationForest() {
    assertTrue(
        auc(ensemble.members().get("isolation-forest")) >= 0.9,
        "AUC " + auc(ensemble.members().get("isolation-forest")));
  }

  @Test
  void shouldSeparateInjectedFaultsWithRandomForest() {
    assertTrue(
        auc(ensemble.members().get("random-forest")) >= 0.9,
        "AUC " + auc(ensemble.members().get("random-forest")));
  }

  /** On all six kinds, and on the abrupt ones alone (a set of its own, another seed). */
  @Test
  void shouldSeparateInjectedFaultsWithLstm() {
    FailureModel lstm = ensemble.members().get("lstm");
    TrainingSet abrupt =
        SyntheticData.setOfKinds(
            TrainedFixture.SEED + 2000,
            40,
            160,
            List.of(
                FaultKind.SPIKE,
                FaultKind.LEVEL_SHIFT,
                FaultKind.VARIANCE_CHANGE,
                FaultKind.DROPOUT));
    double onAbrupt =
        Metrics.rocAuc(
            lstm.scoreBatch(SyntheticData.windows(abrupt)).stream()
                .mapToDouble(ModelScore::probability)
                .toArray(),
            SyntheticData.labels(abrupt));
    assertTrue(onAbrupt >= 0.9, "AUC on abrupt faults " + onAbrupt);
    assertTrue(auc(lstm) >= 0.9, "AUC on all fault kinds " + auc(lstm));
  }

  @Test
  void shouldBeAtLeastAsGoodAsItsBestMember() {
    double best =
        ensemble.members().values().stream()
            .mapToDouble(ModelSeparationTest::auc)
            .max()
            .orElseThrow();
    double ens = Metrics.rocAuc(ensemble.probabilities(windows), failing);
    // tolerance 0.002 for ties and rounding only
    assertTrue(ens >= best - 0.002, "ensemble AUC " + ens + " vs best member " + best);
    assertTrue(ens >= 0.9, "ensemble AUC " + ens);
  }

  @Test
  void shouldRecordValidationMetricsOfEveryMember() {
    for (FailureModel m : ensemble.members().values()) {
      Map<String, Double> v = m.info().validation();
      assertTrue(v.get("auc") > 0.5 && v.get("windows") > 0, m.name() + " " + v);
    }
    assertTrue(
        ensemble.validation().get("auc") >= 0.9, "ensemble validation " + ensemble.validation());
  }

  @Test
  void shouldReportProgressOfEveryStage() {
    String all = String.join(",", TrainedFixture.STAGES);
    for (String stage :
        List.of(
            "split 1/1",
            "isolation-forest 1/1",
            "random-forest 1/1",
            "lstm 10/10",
            "calibration 3/3",
            "validation 4/4")) {
      assertTrue(all.contains(stage), "missing progress " + stage + " in " + all);
    }
  }
}
