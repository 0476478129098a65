package io.augur.models.iforest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.models.ComponentWindow;
import io.augur.models.SyntheticData;
import io.augur.models.TrainingSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import smile.anomaly.IsolationForest;

/** The flattened forest must score exactly as Smile's own {@code IsolationForest.score}. */
class CompiledIsolationForestTest {

  private static final TrainingSet DATA = SyntheticData.set(11, 8, 120, 2);

  @Test
  void shouldScoreTheModelsWindowsExactlyAsSmileDoes() {
    IsolationForestModel m =
        IsolationForestModel.train(
            SyntheticData.SCHEMA,
            SyntheticData.normalWindows(DATA),
            IsolationForestModel.Params.defaults(),
            5);
    List<ComponentWindow> ws = SyntheticData.windows(DATA);
    double[] smile = m.smileScores(ws);
    assertArrayEquals(smile, m.rawScores(ws), 0.0);
    double lo = Double.MAX_VALUE;
    double hi = -Double.MAX_VALUE;
    for (double s : smile) {
      lo = Math.min(lo, s);
      hi = Math.max(hi, s);
    }
    assertTrue(
        hi - lo > 0.05,
        "the probe windows should spread over scores, got [" + lo + ", " + hi + "]");
  }

  @Test
  void shouldScoreExtendedForestsWithSeveralTermsPerSplitAsSmileDoes() {
    SplittableRandom r = new SplittableRandom(3);
    double[][] x = new double[400][5];
    for (double[] row : x) {
      for (int j = 0; j < row.length; j++) {
        row[j] = r.nextGaussian();
      }
    }
    IsolationForest smile = IsolationForest.fit(x, 20, 8, 0.5, 3);
    CompiledIsolationForest compiled = CompiledIsolationForest.of(smile, 5);
    assertEquals(20, compiled.trees());
    for (int i = 0; i < 200; i++) {
      double[] probe = {
        r.nextGaussian() * 3,
        r.nextGaussian(),
        r.nextGaussian(),
        r.nextGaussian() * 2,
        r.nextGaussian()
      };
      assertEquals(smile.score(probe), compiled.score(probe), 0.0, "probe " + i);
    }
  }

  @Test
  void shouldRefuseRowsOfTheWrongWidth() {
    double[][] x = new double[64][3];
    for (int i = 0; i < x.length; i++) {
      x[i] = new double[] {i, i % 7, -i};
    }
    CompiledIsolationForest compiled =
        CompiledIsolationForest.of(SeededGrowth.grow(x, 4, 32, 1), 3);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> compiled.score(new double[4]));
    assertTrue(e.getMessage().contains("x must have 3 columns, got 4"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> CompiledIsolationForest.of(SeededGrowth.grow(x, 4, 32, 1), 5));
  }
}
