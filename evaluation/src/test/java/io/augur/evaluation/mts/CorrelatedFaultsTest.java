package io.augur.evaluation.mts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.augur.domain.FeatureSchema;
import io.augur.domain.FeatureVector;
import io.augur.models.inject.FaultKind;
import io.augur.models.inject.Injection;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CorrelatedFaultsTest {
  @Test
  void shouldCopyAFaultToTheMetricsCorrelatedWithItAndLeaveTheOthersAlone() {
    Random r = new Random(3);
    double[][] train = new double[400][3];
    for (double[] row : train) {
      double common = r.nextGaussian();
      row[0] = common;
      row[1] = -2 * common + 0.01 * r.nextGaussian(); // anti-correlated with metric 0
      row[2] = r.nextGaussian(); // independent
    }
    Standardiser s = Standardiser.fit(train, 0.01);
    FeatureSchema schema = EnsembleTrainingSet.schema(3);
    List<FeatureVector> before = EnsembleTrainingSet.vectors("c", train, schema, s).subList(0, 100);
    List<FeatureVector> faulty = new ArrayList<>(before);
    for (int i = 50; i < 100; i++) {
      double[] v = before.get(i).values();
      v[0] += 5.0; // a level shift of 5 z on metric 0
      faulty.set(
          i, new FeatureVector("c", java.util.Map.of(), before.get(i).timestampMs(), schema, v));
    }
    Injection spread =
        CorrelatedFaults.fit(train, s, 0.5)
            .spread(new Injection(faulty, FaultKind.LEVEL_SHIFT, 50, List.of(0)), before);
    assertEquals(List.of(0, 1), spread.features());
    for (int i : new int[] {10, 60, 99}) {
      double[] was = before.get(i).values();
      double[] now = spread.vectors().get(i).values();
      double shift = i >= 50 ? 5.0 : 0.0;
      assertEquals(was[0] + shift, now[0], 1e-9);
      assertEquals(was[1] - shift, now[1], 0.01, "metric 1 moves the other way, as in train");
      assertEquals(was[2], now[2], 1e-12, "the independent metric is untouched");
    }
  }

  @Test
  void shouldRefuseACorrelationBoundOutsideTheUnitInterval() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            CorrelatedFaults.fit(
                new double[][] {{1}, {2}}, Standardiser.fit(new double[][] {{1}, {2}}, 0.01), 0.0));
  }
}
