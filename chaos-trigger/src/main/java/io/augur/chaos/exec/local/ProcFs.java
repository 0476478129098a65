package io.augur.chaos.exec.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * What {@code /proc} says about processes. A process is identified by its pid <em>and</em> its
 * start time ({@code /proc/<pid>/stat} field 22, clock ticks since boot), so a pid the kernel has
 * handed to another process since is never taken for the one a fault hit.
 */
final class ProcFs {
  private static final Path PROC = Path.of("/proc");

  private ProcFs() {}

  /**
   * One line of {@code /proc/<pid>/stat}.
   *
   * @param state R, S, D, T (stopped), t, Z (zombie), X ...
   * @param pgrp the process group
   * @param cpuTicks user plus system time, in clock ticks
   * @param startTime field 22, clock ticks after boot
   */
  record Stat(
      long pid, String comm, char state, long ppid, long pgrp, long cpuTicks, long startTime) {
    /** Running, sleeping or stopped: not a zombie waiting to be reaped, not dead. */
    boolean alive() {
      return state != 'Z' && state != 'X' && state != 'x';
    }

    boolean stopped() {
      return state == 'T';
    }
  }

  /** The process's stat, or empty when there is no such process. */
  static Optional<Stat> stat(long pid) {
    String line;
    try {
      line =
          Files.readString(
              PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.of(parse(pid, line));
  }

  static Stat parse(long pid, String line) {
    int open = line.indexOf('(');
    int close = line.lastIndexOf(')');
    if (open < 0 || close < open) {
      throw new IllegalStateException("unreadable /proc/" + pid + "/stat: " + line);
    }
    String comm = line.substring(open + 1, close);
    String[] f = line.substring(close + 2).trim().split(" +");
    // f[0] is field 3 (state); field n is f[n - 3]
    return new Stat(
        pid,
        comm,
        f[0].charAt(0),
        Long.parseLong(f[1]),
        Long.parseLong(f[2]),
        Long.parseLong(f[11]) + Long.parseLong(f[12]),
        Long.parseLong(f[19]));
  }

  /** The live process with this pid, if it is still the one that started at {@code startTime}. */
  static Optional<Stat> same(long pid, long startTime) {
    return stat(pid).filter(s -> s.alive() && s.startTime() == startTime);
  }

  /** Every process readable now. */
  static List<Stat> all() {
    List<Stat> out = new ArrayList<>();
    try (DirectoryStream<Path> dirs =
        Files.newDirectoryStream(PROC, p -> p.getFileName().toString().matches("[0-9]+"))) {
      for (Path d : dirs) {
        stat(Long.parseLong(d.getFileName().toString())).ifPresent(out::add);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list /proc: " + e.getMessage(), e);
    }
    return out;
  }

  /** Live processes of process group {@code pgrp}. */
  static List<Stat> group(long pgrp) {
    return all().stream().filter(s -> s.pgrp() == pgrp && s.alive()).toList();
  }

  /** Pids no fault may signal: init, this JVM and every ancestor of it. */
  static Set<Long> untouchable() {
    Set<Long> out = new LinkedHashSet<>();
    out.add(1L);
    Optional<ProcessHandle> p = Optional.of(ProcessHandle.current());
    while (p.isPresent()) {
      out.add(p.get().pid());
      p = p.get().parent();
    }
    return out;
  }

  /**
   * Polls {@code condition} every 10 ms until it holds or {@code timeoutMs} passed. An interrupt
   * does not cut the wait short (reverts run on interrupted threads); the flag is restored
   * afterwards.
   */
  static boolean await(BooleanSupplier condition, long timeoutMs) {
    long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
    boolean interrupted = false;
    try {
      while (true) {
        if (condition.getAsBoolean()) {
          return true;
        }
        if (System.nanoTime() > deadline) {
          return false;
        }
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
