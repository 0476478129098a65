package io.augur.chaos.exec;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.augur.domain.Checks;
import io.augur.json.Wire;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Faults applied and not yet reverted, one JSON file per fault in a directory. An entry is written
 * (to a temporary file, forced to disk, then renamed into place) before the fault is applied and
 * deleted only once it is gone, so after a SIGKILL of the runner the next start finds every fault
 * that may still be in effect and reverts it. Files that do not parse are reported, never deleted.
 * Writing works on an interrupted thread too.
 */
public final class FaultJournal {
  private static final String SUFFIX = ".fault.json";
  private static final ObjectMapper MAPPER = Wire.RECORDS;

  private final Path dir;

  public FaultJournal(Path dir) {
    this.dir = Checks.nonNull("dir", dir);
  }

  public Path dir() {
    return dir;
  }

  /** What a read found: the faults (oldest first) and the files that could not be read. */
  public record Contents(List<InjectedFault> faults, List<String> unreadable) {
    public Contents {
      faults = List.copyOf(faults);
      unreadable = List.copyOf(unreadable);
    }
  }

  /** Writes (or replaces) the entry for {@code fault}, durably, before returning. */
  public synchronized void record(InjectedFault fault) {
    Checks.nonNull("fault", fault);
    Path target = dir.resolve(fault.id() + SUFFIX);
    Path tmp = dir.resolve("." + fault.id() + SUFFIX + ".tmp");
    try {
      Files.createDirectories(dir);
      byte[] bytes = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(fault);
      // a stream, not a FileChannel: a channel closes itself when the thread is interrupted, and a
      // revert after
      // SIGTERM runs on an interrupted thread and must still journal
      try (FileOutputStream out = new FileOutputStream(tmp.toFile())) {
        out.write(bytes);
        out.getFD().sync();
      }
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      forceDir();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot journal fault " + fault.id() + " in " + dir, e);
    }
  }

  /** Deletes the entry of a fault that is gone; absent entries are fine. */
  public synchronized void remove(String faultId) {
    Checks.nonBlank("faultId", faultId);
    try {
      Files.deleteIfExists(dir.resolve(faultId + SUFFIX));
      forceDir();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove fault " + faultId + " from journal " + dir, e);
    }
  }

  /** Every fault still journalled; an absent directory is empty. */
  public synchronized Contents read() {
    if (!Files.isDirectory(dir)) {
      return new Contents(List.of(), List.of());
    }
    List<InjectedFault> faults = new ArrayList<>();
    List<String> bad = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
      for (Path f : files) {
        try {
          faults.add(MAPPER.readValue(f.toFile(), InjectedFault.class));
        } catch (IOException | IllegalArgumentException e) {
          bad.add(f.getFileName() + ": " + e.getMessage());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read fault journal " + dir, e);
    }
    faults.sort(
        Comparator.comparingLong(InjectedFault::injectedAtMs).thenComparing(InjectedFault::id));
    return new Contents(faults, bad);
  }

  /** The journalled faults of one executor. */
  public List<InjectedFault> of(String executor) {
    return read().faults().stream().filter(f -> f.executor().equals(executor)).toList();
  }

  private void forceDir() {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException ignored) {
      // directories cannot be opened for sync on every file system; the rename is still atomic
    }
  }
}
