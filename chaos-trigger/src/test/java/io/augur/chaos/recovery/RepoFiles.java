package io.augur.chaos.recovery;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files the repository ships under deploy/, found from the test's working directory upwards. */
public final class RepoFiles {
  private RepoFiles() {}

  public static Path deploy(String relative) {
    Path start = Path.of("").toAbsolutePath();
    for (Path p = start; p != null; p = p.getParent()) {
      Path f = p.resolve("deploy").resolve(relative);
      if (Files.exists(f)) {
        return f;
      }
    }
    throw new AssertionError("no deploy/" + relative + " above " + start);
  }
}
