package io.augur.training.retrain;

import io.augur.models.bundle.ModelBundle;
import io.augur.models.ensemble.Ensemble;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The job's model watch directory: a directory of bundle directories, the current one being the
 * newest by {@code manifest.json} modification time, then name (the rule of the job's {@code
 * BundleDirectoryWatcher}). A bundle is published by writing it completely into {@value #STATE}/
 * inside the watch directory (same file system; the watcher only looks at the top level and that
 * directory has no manifest), giving its manifest a modification time after every other bundle's,
 * and moving it to {@code <watch dir>/<version>} in one atomic rename: the watcher sees the whole
 * bundle or none of it. The previous bundles stay (the newest {@code keep}, at least 2), so rolling
 * back is one {@link #rollback}.
 */
public final class BundleStore {
  /** Retraining's own directory inside the watch directory: staging, state and decision log. */
  public static final String STATE = ".retrain";

  private final Path root;

  public BundleStore(Path root) {
    if (root == null) {
      throw new IllegalArgumentException("--watch-dir must be given");
    }
    this.root = root.toAbsolutePath();
    if (Files.exists(this.root) && !Files.isDirectory(this.root)) {
      throw new IllegalArgumentException("--watch-dir " + root + " is not a directory");
    }
  }

  public Path root() {
    return root;
  }

  public Path stateDir() {
    return root.resolve(STATE);
  }

  /** The bundles, oldest first (the last is the one the job scores with). */
  public List<Path> bundles() {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.filter(d -> Files.isRegularFile(d.resolve(ModelBundle.MANIFEST)))
          .sorted(
              Comparator.<Path>comparingLong(d -> mtime(d.resolve(ModelBundle.MANIFEST)))
                  .thenComparing(Path::toString))
          .toList();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot list --watch-dir " + root + ": " + e, e);
    }
  }

  /** The bundle the watching job takes as current. */
  public Optional<Path> current() {
    List<Path> b = bundles();
    return b.isEmpty() ? Optional.empty() : Optional.of(b.get(b.size() - 1));
  }

  /**
   * Publishes {@code e} as {@code <root>/<version>}; keeps the newest {@code keep} bundles
   * (including the new one) and deletes older ones. Refuses a version already in the directory.
   */
  public Path publish(Ensemble e, Clock clock, int keep) throws IOException {
    if (keep < 2) {
      throw new IllegalArgumentException(
          "--keep must be >= 2 (the new bundle and the previous one), got " + keep);
    }
    String name = e.version().replaceAll("[^A-Za-z0-9._-]", "_");
    Path target = root.resolve(name);
    if (Files.exists(target)) {
      throw new IllegalStateException("bundle " + target + " is already published");
    }
    Files.createDirectories(stateDir());
    Path tmp = Files.createTempDirectory(stateDir(), "staging-");
    Path staged = tmp.resolve(name);
    try {
      ModelBundle.save(e, staged, clock);
      long newest =
          bundles().stream()
              .mapToLong(d -> mtime(d.resolve(ModelBundle.MANIFEST)))
              .max()
              .orElse(Long.MIN_VALUE);
      long t = Math.max(clock.millis(), newest == Long.MIN_VALUE ? 0 : newest + 1000);
      Files.setLastModifiedTime(staged.resolve(ModelBundle.MANIFEST), FileTime.fromMillis(t));
      try {
        Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException ex) {
        throw new IOException(
            "cannot publish atomically into " + root + " (rename not atomic there): " + ex, ex);
      }
    } finally {
      deleteTree(tmp);
    }
    prune(keep);
    return target;
  }

  /**
   * Makes the bundle before the current one current again: the current one moves to {@value
   * #STATE}/rolled-back/ and the previous one's manifest gets a new modification time, so the
   * watcher announces it. Returns the bundle now current.
   */
  public Path rollback(Clock clock) throws IOException {
    List<Path> b = bundles();
    if (b.size() < 2) {
      throw new IllegalArgumentException(
          "--rollback needs a previous bundle in " + root + ", found " + b.size() + " bundle(s)");
    }
    Path bad = b.get(b.size() - 1);
    Path previous = b.get(b.size() - 2);
    Path away = stateDir().resolve("rolled-back");
    Files.createDirectories(away);
    Path dest = away.resolve(bad.getFileName() + "-" + clock.millis());
    Files.move(bad, dest, StandardCopyOption.ATOMIC_MOVE);
    long t = Math.max(clock.millis(), mtime(bad.resolve(ModelBundle.MANIFEST)) + 1000);
    t = Math.max(t, mtime(dest.resolve(ModelBundle.MANIFEST)) + 1000);
    Files.setLastModifiedTime(previous.resolve(ModelBundle.MANIFEST), FileTime.fromMillis(t));
    return previous;
  }

  private void prune(int keep) throws IOException {
    List<Path> b = bundles();
    for (int i = 0; i < b.size() - keep; i++) {
      deleteTree(b.get(i));
    }
  }

  private static long mtime(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis();
    } catch (IOException e) {
      return Long.MIN_VALUE;
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
