package io.augur.evaluation.mts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MtsRunnerTest {
  @TempDir Path tmp;

  /** Two metrics of noise; test rows 300-319 have a level shift of 5 sigma on metric 1. */
  static Path syntheticDataset(Path dir) throws IOException {
    Random r = new Random(7);
    StringBuilder train = new StringBuilder();
    for (int i = 0; i < 500; i++) {
      train
          .append(0.5 + 0.02 * r.nextGaussian())
          .append(',')
          .append(0.3 + 0.02 * r.nextGaussian())
          .append('\n');
    }
    StringBuilder test = new StringBuilder();
    StringBuilder labels = new StringBuilder();
    for (int i = 0; i < 400; i++) {
      boolean anomaly = i >= 300 && i < 320;
      double shift = anomaly ? 0.1 : 0.0;
      test.append(0.5 + 0.02 * r.nextGaussian())
          .append(',')
          .append(0.3 + shift + 0.02 * r.nextGaussian())
          .append('\n');
      labels.append(anomaly ? "1\n" : "0\n");
    }
    MtsDatasetReaderTest.write(dir.resolve("train/box-1.txt"), train.toString());
    MtsDatasetReaderTest.write(dir.resolve("test/box-1.txt"), test.toString());
    MtsDatasetReaderTest.write(dir.resolve("test_label/box-1.txt"), labels.toString());
    MtsDatasetReaderTest.write(dir.resolve("test_label/box-2.txt"), labels.toString());
    return dir;
  }

  @Test
  void shouldWriteOneScorePerTestRowAndFindAnObviousShift() throws IOException {
    Path data = syntheticDataset(tmp.resolve("data"));
    Path out = tmp.resolve("out");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    List<MachineResult> results =
        new MtsRunner(
                List.of(new ZScoreDetector()),
                out,
                new PrintStream(log, true, StandardCharsets.UTF_8))
            .run(new MtsDatasetReader(data));
    assertEquals(1, results.size());
    List<String> lines = Files.readAllLines(out.resolve("zscore/box-1.txt"));
    assertEquals(400, lines.size());
    assertEquals(results.get(0).scores()[0], Double.parseDouble(lines.get(0)));
    MachineResult r = results.get(0);
    assertTrue(r.evaluation().aucPr() > 0.9, "AUC-PR " + r.evaluation().aucPr());
    assertEquals(1, r.evaluation().eventsAtBest().detectedEvents());
    String progress = log.toString(StandardCharsets.UTF_8);
    assertTrue(
        progress.contains("skipping box-2 (missing test/box-2.txt, train/box-2.txt)")
            || progress.contains("skipping box-2 (missing train/box-2.txt, test/box-2.txt)"),
        progress);
  }

  @Test
  void shouldTakeTheCalibrationQuantileOfTrainScores() {
    assertEquals(9.0, MtsRunner.quantile(new double[] {10, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 0.9), 0.0);
    assertEquals(10.0, MtsRunner.quantile(new double[] {10, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 1.0), 0.0);
  }
}
