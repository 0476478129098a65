package io.augur.chaos.exec.local;

import io.augur.chaos.catalogue.ExperimentType;
import io.augur.chaos.exec.FaultException;
import io.augur.chaos.exec.FaultJournal;
import io.augur.chaos.exec.FaultParams;
import io.augur.chaos.exec.FaultStatus;
import io.augur.chaos.exec.InjectedFault;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * {@code disk-fault} as a disk fill: one file in the target's {@code dataDir}, of parameter {@code
 * size} (e.g. {@code 64MB}) or, without one, {@code percent} of the free space (the catalogue's
 * default is 50). Whatever is asked, the file system keeps a floor of free space: the larger of
 * {@code minFreeBytes} and {@code minFreeFraction} of its size (by default 1 GiB and 10%), and a
 * file is never larger than {@code maxBytes} (by default 1 GiB, so inject returns within seconds).
 * The path is journalled before the first byte is written; the file is written in 1 MiB chunks of
 * incompressible bytes, checking the floor as it goes. Revert deletes it.
 */
public final class DiskFillFault implements LocalFault {
  public static final String NAME = "disk-fill";
  public static final long DEFAULT_MIN_FREE_BYTES = 1L << 30;
  public static final double DEFAULT_MIN_FREE_FRACTION = 0.10;
  public static final long DEFAULT_MAX_BYTES = 1L << 30;
  static final String FILE = "file";
  static final String BYTES = "bytes";
  static final String PREFIX = "augur-disk-fill-";
  static final String SUFFIX = ".fill";
  private static final int CHUNK = 1 << 20;

  private final long minFreeBytes;
  private final double minFreeFraction;
  private final long maxBytes;

  public DiskFillFault() {
    this(DEFAULT_MIN_FREE_BYTES, DEFAULT_MIN_FREE_FRACTION, DEFAULT_MAX_BYTES);
  }

  public DiskFillFault(long minFreeBytes, double minFreeFraction, long maxBytes) {
    if (minFreeBytes < 0) {
      throw new IllegalArgumentException("minFreeBytes must be >= 0, got " + minFreeBytes);
    }
    if (!(minFreeFraction >= 0 && minFreeFraction < 1)) {
      throw new IllegalArgumentException(
          "minFreeFraction must be in [0, 1), got " + minFreeFraction);
    }
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be > 0, got " + maxBytes);
    }
    this.minFreeBytes = minFreeBytes;
    this.minFreeFraction = minFreeFraction;
    this.maxBytes = maxBytes;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<ExperimentType> types() {
    return Set.of(ExperimentType.DISK_FAULT);
  }

  /** The free space the file system of {@code dir} must keep. */
  public long floor(Path dir) throws IOException {
    FileStore store = Files.getFileStore(dir);
    return Math.max(minFreeBytes, (long) Math.ceil(store.getTotalSpace() * minFreeFraction));
  }

  @Override
  public Optional<String> unsupported(ExperimentType type, LocalTarget target, FaultParams params) {
    try {
      plannedBytes(target, params);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  /**
   * How many bytes the fill writes now; an {@link IllegalArgumentException} when it cannot write
   * any.
   */
  long plannedBytes(LocalTarget target, FaultParams params) {
    Path dir = target.dataDir();
    if (dir == null) {
      throw new IllegalArgumentException(
          "local target " + target.name() + " binds no dataDir to fill");
    }
    if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
      throw new IllegalArgumentException(
          "dataDir " + dir + " of local target " + target.name() + " is not a writable directory");
    }
    long free;
    long floor;
    try {
      free = Files.getFileStore(dir).getUsableSpace();
      floor = floor(dir);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the free space of " + dir + ": " + e.getMessage(), e);
    }
    String size = params.get("size", null);
    long wanted;
    if (size != null && !size.isBlank()) {
      wanted = ByteSizes.parse("disk-fault parameter size", size);
    } else {
      double pct = percent(params.require("percent"));
      wanted = (long) (free * pct / 100.0);
    }
    long room = free - floor;
    if (room < CHUNK) {
      throw new IllegalArgumentException(
          "the file system of "
              + dir
              + " has "
              + ByteSizes.human(free)
              + " free, not more than its floor of "
              + ByteSizes.human(floor)
              + " (the larger of "
              + ByteSizes.human(minFreeBytes)
              + " and "
              + Math.round(minFreeFraction * 100)
              + "% of it)");
    }
    return Math.max(1, Math.min(wanted, Math.min(room, maxBytes)));
  }

  @Override
  public InjectedFault inject(
      InjectedFault skeleton, LocalTarget target, FaultParams params, FaultJournal journal) {
    long bytes;
    long floor;
    try {
      bytes = plannedBytes(target, params);
      floor = floor(target.dataDir());
    } catch (IllegalArgumentException | IOException e) {
      throw new FaultException(e.getMessage(), e);
    }
    Path file = target.dataDir().toAbsolutePath().resolve(PREFIX + skeleton.id() + SUFFIX);
    InjectedFault f = skeleton.with(FILE, file.toString()).with(BYTES, Long.toString(bytes));
    journal.record(f);
    long written = 0;
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      FileStore store = Files.getFileStore(file);
      ByteBuffer chunk = incompressible();
      while (written < bytes) {
        int n = (int) Math.min(CHUNK, bytes - written);
        if (store.getUsableSpace() - n < floor) {
          break; // someone else is writing too: stop at the floor
        }
        chunk.clear().limit(n);
        while (chunk.hasRemaining()) {
          written += ch.write(chunk);
        }
      }
      ch.force(false);
    } catch (IOException e) {
      deleteQuietly(file);
      throw new FaultException(
          "cannot fill "
              + file
              + " ("
              + ByteSizes.human(written)
              + " of "
              + ByteSizes.human(bytes)
              + " written): "
              + e.getMessage(),
          e);
    }
    return f.with(BYTES, Long.toString(written));
  }

  @Override
  public FaultStatus status(InjectedFault fault) {
    Path file = fileOf(fault);
    try {
      if (!Files.exists(file)) {
        return new FaultStatus(FaultStatus.State.ENDED, file + " is gone");
      }
      return FaultStatus.active(
          file
              + " holds "
              + ByteSizes.human(Files.size(file))
              + "; "
              + ByteSizes.human(Files.getFileStore(file).getUsableSpace())
              + " left free");
    } catch (IOException e) {
      return new FaultStatus(
          FaultStatus.State.UNKNOWN, "cannot read " + file + ": " + e.getMessage());
    }
  }

  @Override
  public void revert(InjectedFault fault) {
    Path file = fileOf(fault);
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new FaultException("cannot delete disk fill " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public boolean reverted(InjectedFault fault) {
    return !Files.exists(fileOf(fault));
  }

  /**
   * The journalled file, refused unless it is named like a fill of this fault (never delete
   * anything else).
   */
  private static Path fileOf(InjectedFault fault) {
    Path file = Path.of(fault.require(FILE));
    if (!file.getFileName().toString().equals(PREFIX + fault.id() + SUFFIX)) {
      throw new FaultException(
          "fault "
              + fault.id()
              + " names "
              + file
              + ", which is not its disk fill file "
              + PREFIX
              + fault.id()
              + SUFFIX
              + "; refusing to touch it");
    }
    return file;
  }

  private static double percent(String text) {
    String v =
        text.trim().endsWith("%")
            ? text.trim().substring(0, text.trim().length() - 1)
            : text.trim();
    try {
      double p = Double.parseDouble(v);
      if (!(p > 0 && p <= 100)) {
        throw new NumberFormatException();
      }
      return p;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "disk-fault parameter percent must be in (0, 100], got \"" + text + "\"", e);
    }
  }

  private static ByteBuffer incompressible() {
    byte[] b = new byte[CHUNK];
    new SplittableRandom(16).nextBytes(b);
    return ByteBuffer.wrap(b);
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // the journal entry stays and the next revert retries
    }
  }
}
