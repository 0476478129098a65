package io.augur.chaos.exec.local;

import io.augur.chaos.exec.FaultException;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short command (kill, nft, tc, ip) with a time limit and returns its exit code and output.
 */
final class HostCommand {
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  private static final List<String> SYSTEM_DIRS =
      List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");

  private HostCommand() {}

  /** Exit code and stdout plus stderr. */
  record Result(int exit, String output) {
    boolean ok() {
      return exit == 0;
    }
  }

  /**
   * The executable's path, searching {@code PATH} and the system directories (sbin is often not on
   * PATH).
   */
  static Optional<Path> which(String binary) {
    if (binary.contains("/")) {
      Path p = Path.of(binary);
      return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }
    Set<String> dirs = new LinkedHashSet<>();
    String path = System.getenv("PATH");
    if (path != null) {
      dirs.addAll(List.of(path.split(File.pathSeparator)));
    }
    dirs.addAll(SYSTEM_DIRS);
    return dirs.stream()
        .filter(d -> !d.isBlank())
        .map(d -> Path.of(d, binary))
        .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p))
        .findFirst();
  }

  /** {@link #which}, or a message naming what is missing. */
  static Optional<String> missing(String... binaries) {
    for (String b : binaries) {
      if (which(b).isEmpty()) {
        return Optional.of(b + " is not installed (not found on PATH nor in " + SYSTEM_DIRS + ")");
      }
    }
    return Optional.empty();
  }

  static Result run(List<String> argv) {
    return run(argv, null, DEFAULT_TIMEOUT);
  }

  /**
   * Runs {@code argv} (the first element resolved with {@link #which}), feeding {@code stdin} if
   * not null; a command that outlives {@code timeout} is killed and reported as a {@link
   * FaultException}.
   */
  static Result run(List<String> argv, String stdin, Duration timeout) {
    List<String> cmd = new java.util.ArrayList<>(argv);
    cmd.set(0, which(argv.get(0)).map(Path::toString).orElse(argv.get(0)));
    Path out = null;
    try {
      out = Files.createTempFile("augur-cmd-", ".out");
      ProcessBuilder pb =
          new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
      if (stdin == null) {
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      }
      Process p = pb.start();
      if (stdin != null) {
        try (OutputStream in = p.getOutputStream()) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      if (!waitFor(p, timeout)) {
        p.destroyForcibly();
        throw new FaultException(
            String.join(" ", argv) + " did not finish within " + timeout.toMillis() + " ms");
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8).trim());
    } catch (IOException e) {
      throw new FaultException("cannot run " + String.join(" ", argv) + ": " + e.getMessage(), e);
    } finally {
      if (out != null) {
        try {
          Files.deleteIfExists(out);
        } catch (IOException ignored) {
          // a temporary file left in /tmp
        }
      }
    }
  }

  /** {@link #run}, or a {@link FaultException} with the command's output when it exits non-zero. */
  static String check(String what, List<String> argv, String stdin) {
    Result r = run(argv, stdin, DEFAULT_TIMEOUT);
    if (!r.ok()) {
      throw new FaultException(
          what + ": " + String.join(" ", argv) + " exited " + r.exit() + ": " + r.output());
    }
    return r.output();
  }

  /**
   * Waits for {@code p} up to {@code timeout}; an interrupt does not cut it short (the flag is
   * restored).
   */
  static boolean waitFor(Process p, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
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
