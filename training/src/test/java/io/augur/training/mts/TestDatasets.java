package io.augur.training.mts;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the shared datasets are: system property, then env, then beside the repository. */
final class TestDatasets {
  private TestDatasets() {}

  static Path dir() {
    String prop = System.getProperty("augur.datasets");
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop);
    }
    String env = System.getenv("AUGUR_DATASETS");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return repoRoot().resolve("../shared/datasets").normalize();
  }

  static Path repoRoot() {
    String root = System.getProperty("augur.repo.root");
    if (root != null && !root.isBlank()) {
      return Path.of(root);
    }
    Path here = Path.of("").toAbsolutePath();
    return Files.isDirectory(here.resolve("training")) ? here : here.getParent();
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
