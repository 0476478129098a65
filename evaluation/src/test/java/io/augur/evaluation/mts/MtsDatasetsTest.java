package io.augur.evaluation.mts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared SMD and ASD copies read as their READMEs describe them; skipped when absent. */
class MtsDatasetsTest {
  @TempDir Path tmp;

  @Test
  void shouldReadTheTwoSmdMachinesWithDataAndSkipTheSixWithOnlyLabels() {
    MtsDatasetReader smd = new MtsDatasetReader(TestDatasets.require("smd"));
    assertEquals(List.of("machine-1-6", "machine-1-7"), smd.machines());
    assertEquals(6, smd.skipped().size(), smd.skipped().toString());
    MtsMachine m = smd.read("machine-1-6");
    assertEquals(38, m.metrics());
    assertEquals(23_688, m.train().length);
    assertEquals(23_689, m.test().length);
    long anomalous = 0;
    for (boolean b : m.testLabels()) {
      anomalous += b ? 1 : 0;
    }
    assertEquals(0.1565, anomalous / (double) m.test().length, 0.00005);
  }

  @Test
  void shouldRankAsdAnomaliesAboveChanceWithTheZScoreBaseline() {
    MtsDatasetReader asd = new MtsDatasetReader(TestDatasets.require("asd")).only(List.of("omi-2"));
    MtsMachine m = asd.read("omi-2");
    assertEquals(19, m.metrics());
    assertEquals(8_640, m.train().length);
    assertEquals(4_320, m.test().length);
    MachineResult r =
        new MtsRunner(
                List.of(new ZScoreDetector()),
                tmp,
                new PrintStream(OutputStream.nullOutputStream()))
            .run(asd)
            .get(0);
    double share = r.evaluation().anomalousRows() / (double) r.evaluation().rows();
    assertEquals(0.0127, share, 0.00005);
    assertTrue(
        r.evaluation().aucPr() > 3 * share,
        "AUC-PR " + r.evaluation().aucPr() + " vs chance " + share);
  }
}
