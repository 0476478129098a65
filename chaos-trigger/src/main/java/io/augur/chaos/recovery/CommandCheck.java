package io.augur.chaos.recovery;

import io.augur.domain.Checks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A command (argv, no shell unless the argv says so) that holds when it exits with {@code exitCode}
 * within {@code timeout}; one that runs longer is killed (with its children) and does not hold.
 */
public record CommandCheck(List<String> argv, int exitCode, Duration timeout) implements Check {
  public CommandCheck {
    argv = List.copyOf(Checks.noNullElements("argv", argv));
    if (argv.isEmpty() || argv.get(0).isBlank()) {
      throw new IllegalArgumentException("argv must name a program, got " + argv);
    }
    if (exitCode < 0 || exitCode > 255) {
      throw new IllegalArgumentException("exitCode must be 0-255, got " + exitCode);
    }
    Checks.nonNull("timeout", timeout);
    if (timeout.toMillis() <= 0) {
      throw new IllegalArgumentException("timeout must be at least 1ms, got " + timeout);
    }
  }

  @Override
  public String describe() {
    return "command " + String.join(" ", argv) + " exits " + exitCode;
  }

  @Override
  public Observation evaluate(CheckContext context) throws InterruptedException {
    java.nio.file.Path out;
    Process p;
    try {
      // output to a file, not a pipe: a chatty command must not block on a full pipe until its
      // timeout
      out = java.nio.file.Files.createTempFile("augur-check-", ".out");
    } catch (IOException e) {
      return Observation.notHeld(
          "cannot create a file for the output of " + argv.get(0) + ": " + e.getMessage());
    }
    try {
      try {
        p =
            new ProcessBuilder(argv)
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
      } catch (IOException e) {
        return Observation.notHeld("cannot start " + argv.get(0) + ": " + e.getMessage());
      }
      try {
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          return Observation.notHeld("still running after " + timeout.toMillis() + "ms, killed");
        }
        return new Observation(
            p.exitValue() == exitCode,
            "exit " + p.exitValue() + " " + HttpCheck.abbreviate(head(out)));
      } finally {
        if (p.isAlive()) {
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly();
        }
      }
    } finally {
      try {
        java.nio.file.Files.deleteIfExists(out);
      } catch (IOException ignored) {
        // a temporary file; the OS cleans up
      }
    }
  }

  private static String head(java.nio.file.Path out) {
    try (java.io.InputStream in = java.nio.file.Files.newInputStream(out)) {
      return new String(in.readNBytes(4096), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
