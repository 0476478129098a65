package io.augur.chaos.recovery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The demo services under deploy/chaos/recovery/demo, started as real processes (Java single-file
 * programs on this JVM's {@code java}); every process started, and every pid its pid files name
 * (restarts the fault made), is killed on {@link #close}.
 */
public final class DemoProcesses implements AutoCloseable {
  public static final String JAVA =
      Path.of(System.getProperty("java.home"), "bin", "java").toString();
  private final List<Process> started = new ArrayList<>();
  private final List<Path> pidFiles = new ArrayList<>();
  private final Path logDir;

  public DemoProcesses(Path logDir) {
    this.logDir = logDir;
  }

  /** The argv that runs demo {@code program} with {@code args}. */
  public static List<String> argv(String program, String... args) {
    List<String> a =
        new ArrayList<>(
            List.of(
                JAVA,
                "-Xmx64m",
                "-XX:TieredStopAtLevel=1",
                RepoFiles.deploy("chaos/recovery/demo/" + program + ".java").toString()));
    a.addAll(List.of(args));
    return a;
  }

  public Process start(String name, Path pidFile, List<String> argv) throws IOException {
    pidFiles.add(pidFile);
    Process p =
        new ProcessBuilder(argv)
            .redirectErrorStream(true)
            .redirectOutput(logDir.resolve(name + ".log").toFile())
            .start();
    started.add(p);
    return p;
  }

  public static Optional<Long> pid(Path pidFile) {
    try {
      return Optional.of(Long.parseLong(Files.readString(pidFile).trim()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  public static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  public static String get(String url) {
    try {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(1)).build(),
                  HttpResponse.BodyHandlers.ofString());
      return r.statusCode() + " " + r.body().trim();
    } catch (IOException e) {
      return "no answer";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  /**
   * Starts the demo's primary FailoverNode on {@code port} (pid file {@code dir/primary.pid}, alive
   * for {@code lifeSeconds}) and waits until it serves; returns the argv that restarts it.
   */
  public List<String> startPrimary(Path dir, int port, int lifeSeconds)
      throws IOException, InterruptedException {
    Path pidFile = dir.resolve("primary.pid");
    List<String> argv =
        argv(
            "FailoverNode",
            "primary",
            Integer.toString(port),
            pidFile.toString(),
            Integer.toString(lifeSeconds));
    start("primary", pidFile, argv);
    await(
        "primary serving",
        () -> get("http://127.0.0.1:" + port + "/").equals("200 primary"),
        Duration.ofSeconds(60));
    return argv;
  }

  /**
   * Starts the standby FailoverNode for {@code port} (pid file {@code dir/standby.pid}) and waits
   * until it runs.
   */
  public void startStandby(Path dir, int port, int lifeSeconds)
      throws IOException, InterruptedException {
    Path pidFile = dir.resolve("standby.pid");
    start(
        "standby",
        pidFile,
        argv(
            "FailoverNode",
            "standby",
            Integer.toString(port),
            pidFile.toString(),
            Integer.toString(lifeSeconds)));
    await("standby waiting", () -> pid(pidFile).isPresent(), Duration.ofSeconds(60));
  }

  /**
   * Writes a local targets file with one target, {@code orders-primary}: its pid file and the argv
   * that restarts it.
   */
  public static Path writePrimaryTargets(Path file, Path pidFile, List<String> restart)
      throws IOException {
    new ObjectMapper(new YAMLFactory())
        .writeValue(
            file.toFile(),
            Map.of(
                "targets",
                List.of(
                    Map.of(
                        "name",
                        "orders-primary",
                        "pidFile",
                        pidFile.toString(),
                        "restart",
                        restart))));
    return file;
  }

  /** Waits (bounded) for the processes to get somewhere; not for time to pass. */
  public void await(String what, BooleanSupplier ok, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!ok.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "demo processes: no " + what + " within " + limit + "; logs: " + logs());
      }
      Thread.sleep(50);
    }
  }

  public String logs() {
    StringBuilder b = new StringBuilder();
    try (var files = Files.list(logDir)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".log")).toList()) {
        b.append('\n').append(f.getFileName()).append(": ").append(Files.readString(f));
      }
    } catch (IOException e) {
      b.append(e.getMessage());
    }
    return b.toString();
  }

  @Override
  public void close() {
    for (Path f : pidFiles) {
      pid(f).flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroyForcibly);
    }
    for (Process p : started) {
      p.destroyForcibly();
      try {
        p.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
