package io.augur.job.reload;

import io.augur.domain.DeadLetter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Watches a directory of bundle directories (each with a {@code manifest.json}); the newest one (by
 * manifest modification time, then name) is the candidate. A new candidate is validated with the
 * loader: a good one is announced, a bad one is refused once (a dead letter) and the last good one
 * stays current. Pure Java, polled by the caller.
 */
public final class BundleDirectoryWatcher<M> {
  private final Path root;
  private final BundleLoader<M> validator;
  private final Set<String> seen = new HashSet<>();
  private ModelAnnouncement current;

  public BundleDirectoryWatcher(Path root, BundleLoader<M> validator) {
    if (root == null || validator == null) {
      throw new IllegalArgumentException(
          "root and validator must not be null, got " + root + ", " + validator);
    }
    this.root = root;
    this.validator = validator;
  }

  /** The last good bundle, if any. */
  public Optional<ModelAnnouncement> current() {
    return Optional.ofNullable(current);
  }

  /**
   * Checks the directory once: an announcement for a new good bundle, a refusal for a new bad one,
   * else empty.
   */
  public Optional<ModelControl> poll(long nowMs) {
    Optional<Path> newest = newest();
    if (newest.isEmpty()) {
      return Optional.empty();
    }
    Path dir = newest.get();
    String identity;
    try {
      identity = dir + "@" + Files.getLastModifiedTime(dir.resolve("manifest.json")).toMillis();
    } catch (IOException e) {
      return Optional.empty(); // vanished meanwhile; next poll
    }
    if (!seen.add(identity)) {
      return Optional.empty();
    }
    try {
      BundleLoader.Loaded<M> loaded = validator.load(dir);
      current = new ModelAnnouncement(dir.toString(), loaded.version(), Math.max(0, nowMs));
      return Optional.of(ModelControl.announce(current));
    } catch (Exception e) {
      String keep = current == null ? "no model" : "model " + current.version();
      return Optional.of(
          ModelControl.refuse(
              new DeadLetter(
                  ModelHolder.STAGE,
                  dir.toString(),
                  e.getClass().getName(),
                  "bundle " + dir + " refused, keeping " + keep + ": " + e.getMessage(),
                  Math.max(0, nowMs))));
    }
  }

  private Optional<Path> newest() {
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> dirs = Files.list(root)) {
      List<Path> candidates =
          dirs.filter(d -> Files.isRegularFile(d.resolve("manifest.json"))).toList();
      return candidates.stream()
          .max(
              Comparator.<Path>comparingLong(d -> mtime(d.resolve("manifest.json")))
                  .thenComparing(Path::toString));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static long mtime(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis();
    } catch (IOException e) {
      return Long.MIN_VALUE;
    }
  }
}
