package io.augur.evaluation.mts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AugurMtsDetectorTest {
  @TempDir Path tmp;

  @Test
  void shouldGiveLevelDeviationAndSlopeOfARamp() {
    // one metric, train mean 0.5 std 0.1; test values rise 0.1 (1 z) a row
    Standardiser s = Standardiser.fit(new double[][] {{0.4}, {0.6}}, 0.01);
    TrailingFeatures f = new TrailingFeatures(s, 4);
    double[] last = null;
    for (double v : new double[] {0.5, 0.6, 0.7, 0.8, 0.9}) {
      last = f.next(new double[] {v});
    }
    // level z = 4; previous 3 rows z = 1,2,3 (mean 2): deviation 2; slope 1 z per row
    assertArrayEquals(new double[] {4.0, 2.0, 1.0}, last, 1e-9);
  }

  @Test
  void shouldScoreTheSameTwiceWithTheSameSeed() throws IOException {
    MtsMachine m = new MtsDatasetReader(MtsRunnerTest.syntheticDataset(tmp)).read("box-1");
    double[] a = scores(new IsolationForestDetector(50, 128, 5, 3L), m);
    double[] b = scores(new IsolationForestDetector(50, 128, 5, 3L), m);
    assertArrayEquals(a, b);
  }

  @Test
  void shouldRankAnObviousShiftAboveNormalRows() throws IOException {
    Path data = MtsRunnerTest.syntheticDataset(tmp.resolve("data"));
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    List<MachineResult> results =
        new MtsRunner(List.of(AugurMtsDetector.standard()), tmp.resolve("out"), quiet)
            .run(new MtsDatasetReader(data));
    assertEquals("iforest-zscore", results.get(0).detector());
    assertTrue(
        results.get(0).evaluation().aucPr() > 0.8, "AUC-PR " + results.get(0).evaluation().aucPr());
  }

  @Test
  void shouldRefuseAnEnsembleWithoutMembers() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new AugurMtsDetector("x", List.of(), 1));
    assertTrue(e.getMessage().contains("members"), e.getMessage());
  }

  private static double[] scores(MultivariateDetector d, MtsMachine m) {
    MultivariateDetector.RowScorer s = d.fit(m.train()).newScorer();
    double[] out = new double[m.test().length];
    for (int i = 0; i < out.length; i++) {
      out[i] = s.score(m.test()[i]);
    }
    return out;
  }
}
