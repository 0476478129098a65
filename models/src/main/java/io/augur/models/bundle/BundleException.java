package io.augur.models.bundle;

import java.nio.file.Path;

/**
 * A bundle that cannot be used: names the offending file and the reason. Nothing of it was loaded.
 */
public final class BundleException extends Exception {

  private final Path file;

  public BundleException(Path file, String reason) {
    super(file + ": " + reason);
    this.file = file;
  }

  public BundleException(Path file, String reason, Throwable cause) {
    super(file + ": " + reason, cause);
    this.file = file;
  }

  public Path file() {
    return file;
  }
}
