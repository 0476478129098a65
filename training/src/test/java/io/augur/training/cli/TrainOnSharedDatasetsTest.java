package io.augur.training.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.augur.features.FeatureConfig;
import io.augur.features.FeatureSchemas;
import io.augur.training.SharedDatasets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code augur train} on the real shared datasets (a slice each, to stay fast): NAB's nyc_taxi and
 * SMD's machine-1-7 with all 38 metrics. Skipped, naming the path, when the datasets are absent.
 */
class TrainOnSharedDatasetsTest {

  static Path require(String relative) {
    Path p = SharedDatasets.dir().resolve(relative);
    assumeTrue(
        Files.exists(p),
        relative + " not found at " + p + " (set -Daugur.datasets or AUGUR_DATASETS)");
    return p;
  }

  @Test
  void shouldTrainOnARealNabFile(@TempDir Path dir) throws Exception {
    Path taxi = require("nab/data/realKnownCause/nyc_taxi.csv");
    TrainCommandTest.Run r =
        TrainCommandTest.train(
            "--source",
            "nab",
            "--input",
            taxi.toString(),
            "--max-steps",
            "2400",
            "--segment-steps",
            "200",
            "--out",
            dir.resolve("b").toString());
    TrainCommandTest.assertTrained(
        r, dir.resolve("b"), FeatureSchemas.of(FeatureConfig.forMetrics(List.of("value"))));
    assertTrue(
        r.out().contains("| components       | 1 (12 segments of ~200 steps), 2,400 samples"),
        r.out());
  }

  @Test
  void shouldTrainOnARealSmdMachineWithAll38Metrics(@TempDir Path dir) throws Exception {
    Path smd = require("smd/train/machine-1-7.txt").getParent().getParent();
    TrainCommandTest.Run r =
        TrainCommandTest.train(
            "--source",
            "smd",
            "--input",
            smd.toString(),
            "--machines",
            "machine-1-7",
            "--max-steps",
            "1200",
            "--segment-steps",
            "100",
            "--out",
            dir.resolve("b").toString());
    List<String> metrics = new ArrayList<>();
    for (int j = 0; j < 38; j++) {
      metrics.add("m" + j);
    }
    TrainCommandTest.assertTrained(
        r, dir.resolve("b"), FeatureSchemas.of(FeatureConfig.forMetrics(metrics)));
    assertTrue(
        r.out().contains("| source           | smd: 1 machine(s) [machine-1-7], 38 metrics"),
        r.out());
  }
}
