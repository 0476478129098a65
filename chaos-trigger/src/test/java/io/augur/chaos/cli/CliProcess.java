package io.augur.chaos.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code augur chaos ...} as a separate JVM ({@link ChaosMain}), with its output collected line by
 * line.
 */
final class CliProcess implements AutoCloseable {
  private final Process process;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Thread reader;

  private CliProcess(Process process) {
    this.process = process;
    this.reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                  lines.add(l);
                }
              } catch (IOException ignored) {
                // the process ended
              }
            },
            "cli-output");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts {@code java -cp <this test's class path> io.augur.chaos.cli.ChaosMain chaos <args>} in
   * {@code dir}.
   */
  static CliProcess start(Path dir, List<String> args) throws IOException {
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                cp,
                ChaosMain.class.getName(),
                "chaos"));
    cmd.addAll(args);
    Files.createDirectories(dir);
    return new CliProcess(
        new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start());
  }

  long pid() {
    return process.pid();
  }

  /** Waits (bounded) for a line of output matching {@code p}. */
  String awaitLine(Predicate<String> p, Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < deadline) {
      for (String l : lines) {
        if (p.test(l)) {
          return l;
        }
      }
      if (!process.isAlive() && !reader.isAlive()) {
        break;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no such line within " + max + "; output so far:\n" + output());
  }

  /** Waits (bounded) for the process to exit; its exit status. */
  int awaitExit(Duration max) throws InterruptedException {
    if (!process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("still running after " + max + "; output so far:\n" + output());
    }
    reader.join(5_000);
    return process.exitValue();
  }

  void sigterm() {
    // SIGTERM; through the handle, since Process.destroy() also closes our end of its output
    process.toHandle().destroy();
  }

  void sigkill() {
    process.destroyForcibly();
  }

  String output() {
    return String.join("\n", lines);
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
