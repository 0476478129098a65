package io.augur.evaluation.nab;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.augur.training.SharedDatasets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the shared NAB dataset for tests; a test that needs it is skipped, naming the path, when it
 * is absent.
 */
final class NabTestData {
  private NabTestData() {}

  /** {@link SharedDatasets#dir()}. */
  static Path datasetsDir() {
    return SharedDatasets.dir();
  }

  /** The NAB directory, or the calling test is skipped with a message naming what is missing. */
  static Path nabDir() {
    Path nab = datasetsDir().resolve("nab");
    assumeTrue(
        Files.isRegularFile(nab.resolve("labels/combined_windows.json"))
            && Files.isDirectory(nab.resolve("data")),
        "NAB dataset not found at "
            + nab.toAbsolutePath()
            + " (set -Daugur.datasets or AUGUR_DATASETS to the directory holding nab/)");
    return nab;
  }

  private static NabCorpus corpus;

  /** The whole corpus, loaded once per test JVM. */
  static synchronized NabCorpus corpus() {
    Path dir = nabDir();
    if (corpus == null) {
      corpus = NabCorpus.load(dir);
    }
    return corpus;
  }
}
