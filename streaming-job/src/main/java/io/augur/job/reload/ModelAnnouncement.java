package io.augur.job.reload;

/**
 * "A new model bundle is at {@code path}": what the reload control stream broadcasts. Every scoring
 * task loads (and so re-validates) the bundle itself; the path must be readable from every
 * TaskManager (a shared volume or the same image).
 *
 * @param version the bundle's version as its manifest states it (may be empty when announced on the
 *     control topic without one; the loader then reports the real one)
 */
public record ModelAnnouncement(String path, String version, long announcedAtMs) {
  public ModelAnnouncement {
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException("path must not be empty, got \"" + path + "\"");
    }
    version = version == null ? "" : version;
    if (announcedAtMs < 0) {
      throw new IllegalArgumentException("announcedAtMs must be >= 0, got " + announcedAtMs);
    }
  }
}
