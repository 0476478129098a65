package io.augur.training;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where tests find the shared datasets, through one setting: system property {@code
 * augur.datasets}, then env {@code AUGUR_DATASETS}, then {@code <repository>/../shared/datasets}.
 * Tests that need a dataset skip, naming the path, when it is absent.
 */
public final class SharedDatasets {
  private SharedDatasets() {}

  /** The datasets directory (it may not exist). */
  public static Path dir() {
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

  /**
   * The repository root: {@code augur.repo.root}, else the working directory or its parent (a
   * module).
   */
  public static Path repoRoot() {
    String root = System.getProperty("augur.repo.root");
    if (root != null && !root.isBlank()) {
      return Path.of(root);
    }
    Path here = Path.of("").toAbsolutePath();
    return Files.isDirectory(here.resolve("training")) ? here : here.getParent();
  }
}
