package io.augur.evaluation.mts;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.augur.training.SharedDatasets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shared datasets for the MTS tests ({@link SharedDatasets}). */
final class TestDatasets {
  private TestDatasets() {}

  static Path dir() {
    return SharedDatasets.dir();
  }

  static Path repoRoot() {
    return SharedDatasets.repoRoot();
  }

  /** The dataset's folder, or the test is skipped naming what is missing. */
  static Path require(String name) {
    Path dir = dir().resolve(name);
    assumeTrue(
        Files.isDirectory(dir.resolve("test_label")),
        "dataset " + name + " not found at " + dir + " (set -Daugur.datasets or AUGUR_DATASETS)");
    return dir;
  }
}
