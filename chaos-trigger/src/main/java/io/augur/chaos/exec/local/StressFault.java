package io.augur.chaos.exec.local;

import io.augur.chaos.catalogue.ExperimentType;
import io.augur.chaos.exec.FaultException;
import io.augur.chaos.exec.FaultJournal;
import io.augur.chaos.exec.FaultParams;
import io.augur.chaos.exec.FaultStatus;
import io.augur.chaos.exec.InjectedFault;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * CPU and memory stress with Debian's {@code stress-ng}, started in a session (and process group)
 * of its own so revert kills every worker at once. {@code cpu-spike} runs {@code --cpu <workers>
 * --cpu-load <load>}, {@code memory-stress} {@code --vm <workers> --vm-bytes <size> --vm-keep}.
 * stress-ng's own {@code --timeout} is the plan's duration plus {@link #SAFETY_MARGIN}, so a stress
 * the runner never reverts still ends. The pid and its start time are journalled right after start.
 * A memory stress may take at most half of the memory available when it starts.
 */
public final class StressFault implements LocalFault {
  public static final String NAME = "stress";
  public static final Duration SAFETY_MARGIN = Duration.ofSeconds(30);
  static final String PID = "pid";
  static final String START = "startTime";
  static final String PGID = "pgid";
  static final String COMMAND = "command";
  private static final long WAIT_MS = 5_000;

  private final String stressNg;

  public StressFault() {
    this("stress-ng");
  }

  /** With another stress-ng executable (a name looked up on PATH, or a path). */
  StressFault(String stressNg) {
    if (stressNg == null || stressNg.isBlank()) {
      throw new IllegalArgumentException(
          "stressNg must name an executable, got \"" + stressNg + "\"");
    }
    this.stressNg = stressNg;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<ExperimentType> types() {
    return Set.of(ExperimentType.CPU_SPIKE, ExperimentType.MEMORY_STRESS);
  }

  @Override
  public Optional<String> unsupported(ExperimentType type, LocalTarget target, FaultParams params) {
    Optional<String> tool = HostCommand.missing(stressNg, "setsid", "kill");
    if (tool.isPresent()) {
      return tool.map(
          t -> t + (t.startsWith(stressNg) ? " (Debian: apt-get install stress-ng)" : ""));
    }
    try {
      argv(type, params);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  /**
   * The stress-ng command line for this type and parameters; bad ones are an {@link
   * IllegalArgumentException}.
   */
  List<String> argv(ExperimentType type, FaultParams params) {
    int workers =
        intIn(params, "workers", 1, Math.max(1, Runtime.getRuntime().availableProcessors() * 4));
    long timeout = params.duration().plus(SAFETY_MARGIN).toSeconds();
    String exe = HostCommand.which(stressNg).map(Path::toString).orElse(stressNg);
    List<String> a = new ArrayList<>(List.of("setsid", exe, "--quiet", "--timeout", timeout + "s"));
    if (type == ExperimentType.CPU_SPIKE) {
      int load = intIn(params, "load", 1, 100);
      a.addAll(List.of("--cpu", Integer.toString(workers), "--cpu-load", Integer.toString(load)));
    } else if (type == ExperimentType.MEMORY_STRESS) {
      long bytes = ByteSizes.parse(type.id() + " parameter size", params.require("size"));
      long available = memAvailable();
      if (bytes > available / 2 / workers) {
        throw new IllegalArgumentException(
            type.id()
                + " would take "
                + workers
                + " x "
                + ByteSizes.human(bytes)
                + ", more than half of the "
                + ByteSizes.human(available)
                + " of memory available now");
      }
      a.addAll(
          List.of(
              "--vm", Integer.toString(workers), "--vm-bytes", Long.toString(bytes), "--vm-keep"));
    } else {
      throw new IllegalArgumentException("stress-ng cannot carry out " + type.id());
    }
    return a;
  }

  @Override
  public InjectedFault inject(
      InjectedFault skeleton, LocalTarget target, FaultParams params, FaultJournal journal) {
    List<String> argv = argv(ExperimentType.fromId(skeleton.experimentType()), params);
    Process p;
    try {
      p =
          new ProcessBuilder(argv)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException e) {
      throw new FaultException("cannot start " + String.join(" ", argv) + ": " + e.getMessage(), e);
    }
    long pid = p.pid();
    long start = ProcFs.stat(pid).map(ProcFs.Stat::startTime).orElse(-1L);
    // the session is the pid itself (setsid execs in place: a child of the JVM never leads a group)
    InjectedFault f =
        skeleton
            .with(PID, Long.toString(pid))
            .with(START, Long.toString(start))
            .with(PGID, Long.toString(pid))
            .with(COMMAND, String.join(" ", argv.subList(1, argv.size())));
    journal.record(f);
    if (start < 0) {
      throw new FaultException(
          "stress-ng (pid "
              + pid
              + ") exited at once, exit code "
              + (p.isAlive() ? "unknown" : p.exitValue())
              + ": "
              + String.join(" ", argv));
    }
    boolean running =
        ProcFs.await(
            () ->
                ProcFs.same(pid, start)
                        .filter(s -> s.comm().startsWith("stress-ng") && s.pgrp() == pid)
                        .isPresent()
                    || !p.isAlive(),
            WAIT_MS);
    if (!running || !p.isAlive()) {
      throw new FaultException(
          "stress-ng did not start as its own process group within "
              + WAIT_MS
              + " ms"
              + (p.isAlive() ? "" : " (exit code " + p.exitValue() + ")")
              + ": "
              + String.join(" ", argv));
    }
    return f;
  }

  @Override
  public FaultStatus status(InjectedFault fault) {
    List<ProcFs.Stat> left = left(fault);
    if (left.isEmpty()) {
      return new FaultStatus(
          FaultStatus.State.ENDED, "stress-ng (pid " + fault.require(PID) + ") has exited");
    }
    long ticks = left.stream().mapToLong(ProcFs.Stat::cpuTicks).sum();
    return FaultStatus.active(
        "stress-ng pid "
            + fault.require(PID)
            + ", "
            + left.size()
            + " processes, "
            + ticks
            + " CPU ticks so far: "
            + fault.handle().getOrDefault(COMMAND, ""));
  }

  @Override
  public void revert(InjectedFault fault) {
    long pid = Long.parseLong(fault.require(PID));
    long start = Long.parseLong(fault.require(START));
    long pgid = Long.parseLong(fault.require(PGID));
    if (ProcFs.same(pid, start).filter(s -> s.pgrp() == pgid).isPresent()) {
      HostCommand.run(
          List.of("kill", "-s", "KILL", "--", "-" + pgid)); // the whole group, leader first
    }
    for (ProcFs.Stat s : left(fault)) {
      HostCommand.run(List.of("kill", "-s", "KILL", Long.toString(s.pid())));
    }
    if (!ProcFs.await(() -> left(fault).isEmpty(), WAIT_MS)) {
      throw new FaultException(
          "stress-ng processes "
              + left(fault).stream().map(ProcFs.Stat::pid).toList()
              + " are still alive "
              + WAIT_MS
              + " ms after SIGKILL");
    }
  }

  @Override
  public boolean reverted(InjectedFault fault) {
    return left(fault).isEmpty();
  }

  /**
   * What is left of the fault's stress-ng: the leader if it is still the process journalled, and
   * any stress-ng in its process group (workers outlive a killed leader).
   */
  private static List<ProcFs.Stat> left(InjectedFault fault) {
    long pid = Long.parseLong(fault.require(PID));
    long start = Long.parseLong(fault.require(START));
    long pgid = Long.parseLong(fault.require(PGID));
    return ProcFs.all().stream()
        .filter(ProcFs.Stat::alive)
        .filter(
            s ->
                (s.pid() == pid && s.startTime() == start)
                    || (s.pgrp() == pgid
                        && s.comm().startsWith("stress-ng")
                        && s.startTime() >= start))
        .toList();
  }

  private static int intIn(FaultParams params, String key, int min, int max) {
    String v = params.require(key).trim();
    try {
      int n = Integer.parseInt(v.endsWith("%") ? v.substring(0, v.length() - 1) : v);
      if (n < min || n > max) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          params.type().id()
              + " parameter "
              + key
              + " must be a whole number in ["
              + min
              + ", "
              + max
              + "], got \""
              + v
              + "\"",
          e);
    }
  }

  private static long memAvailable() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemAvailable:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      throw new IllegalArgumentException(
          "cannot read MemAvailable from /proc/meminfo: " + e.getMessage(), e);
    }
    throw new IllegalArgumentException("/proc/meminfo has no MemAvailable line");
  }
}
