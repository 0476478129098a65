package io.augur.chaos.exec.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.augur.chaos.catalogue.ExperimentType;
import io.augur.chaos.exec.FaultException;
import io.augur.chaos.exec.FaultJournal;
import io.augur.chaos.exec.FaultParams;
import io.augur.chaos.exec.FaultStatus;
import io.augur.chaos.exec.InjectedFault;
import io.augur.json.Wire;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signals a local process: {@code pod-kill} is SIGKILL (revert runs the target's {@code restart}
 * command, if it has one, in a session of its own, else there is nothing to undo); {@code
 * pod-failure} is SIGSTOP (revert is SIGCONT, verified in {@code /proc/<pid>/stat}). The pid and
 * its start time are journalled before the signal, and nothing is ever signalled again unless both
 * still match, so a revert after a crash never hits a process that reuses the pid. Init, this JVM
 * and its ancestors are never signalled.
 */
public final class SignalFault implements LocalFault {
  public static final String NAME = "signal";
  static final String PID = "pid";
  static final String START = "startTime";
  static final String SIGNAL = "signal";
  static final String RESTART = "restart";
  static final String PID_FILE = "pidFile";
  static final String JOURNAL = "journalDir";
  static final String RESTARTED_PID = "restartedPid";
  static final String RESTARTED_START = "restartedStartTime";
  private static final ObjectMapper JSON = Wire.RECORDS;
  private static final long SIGNAL_WAIT_MS = 5_000;

  /** Restarts this instance made, by fault id: pid and start time. */
  private final Map<String, long[]> restarted = new ConcurrentHashMap<>();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<ExperimentType> types() {
    return Set.of(ExperimentType.POD_KILL, ExperimentType.POD_FAILURE);
  }

  @Override
  public Optional<String> unsupported(ExperimentType type, LocalTarget target, FaultParams params) {
    if (target.pid() == null && target.pidFile() == null) {
      return Optional.of("local target " + target.name() + " binds neither a pid nor a pidFile");
    }
    Optional<String> tool = HostCommand.missing("kill");
    if (tool.isPresent()) {
      return tool;
    }
    try {
      refusal(target, resolvePid(target))
          .ifPresent(
              r -> {
                throw new IllegalArgumentException(r);
              });
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  @Override
  public InjectedFault inject(
      InjectedFault skeleton, LocalTarget target, FaultParams params, FaultJournal journal) {
    boolean kill = ExperimentType.fromId(skeleton.experimentType()) == ExperimentType.POD_KILL;
    long pid;
    try {
      pid = resolvePid(target);
    } catch (IllegalArgumentException e) {
      throw new FaultException(e.getMessage(), e);
    }
    refusal(target, pid)
        .ifPresent(
            r -> {
              throw new FaultException(r);
            });
    ProcFs.Stat st =
        ProcFs.stat(pid)
            .orElseThrow(
                () ->
                    new FaultException(
                        "pid "
                            + pid
                            + " of local target "
                            + target.name()
                            + " exited before it could be signalled"));
    InjectedFault f =
        skeleton
            .with(PID, Long.toString(pid))
            .with(START, Long.toString(st.startTime()))
            .with(SIGNAL, kill ? "KILL" : "STOP")
            .with(JOURNAL, journal.dir().toAbsolutePath().toString());
    if (kill && !target.restart().isEmpty()) {
      f = f.with(RESTART, toJson(target.restart()));
    }
    if (target.pidFile() != null) {
      f = f.with(PID_FILE, target.pidFile().toAbsolutePath().toString());
    }
    journal.record(f);
    signal(kill ? "KILL" : "STOP", pid);
    long started = st.startTime();
    if (!ProcFs.await(
        () -> kill ? ProcFs.same(pid, started).isEmpty() : stopped(pid, started), SIGNAL_WAIT_MS)) {
      throw new FaultException(
          "pid "
              + pid
              + " ("
              + st.comm()
              + ") of local target "
              + target.name()
              + " is still "
              + (kill ? "alive" : "running")
              + " "
              + SIGNAL_WAIT_MS
              + " ms after SIG"
              + (kill ? "KILL" : "STOP"));
    }
    return f;
  }

  @Override
  public FaultStatus status(InjectedFault fault) {
    long pid = Long.parseLong(fault.require(PID));
    long start = Long.parseLong(fault.require(START));
    Optional<ProcFs.Stat> now = ProcFs.same(pid, start);
    if (isKill(fault)) {
      if (now.isPresent()) {
        return new FaultStatus(
            FaultStatus.State.FAILED, "pid " + pid + " is still alive after SIGKILL");
      }
      Optional<Long> again =
          fault.handle().containsKey(RESTART) ? restartedPid(fault) : Optional.empty();
      if (again.isPresent()) {
        return new FaultStatus(
            FaultStatus.State.ENDED, "pid " + pid + " killed and restarted as pid " + again.get());
      }
      return FaultStatus.active(
          "pid "
              + pid
              + " killed; "
              + (fault.handle().containsKey(RESTART)
                  ? "revert runs " + String.join(" ", restartOf(fault))
                  : "the target has no restart command, so there is nothing to undo on revert"));
    }
    if (now.isEmpty()) {
      return new FaultStatus(
          FaultStatus.State.ENDED, "pid " + pid + " is gone (exited, or its pid was reused)");
    }
    return now.get().stopped()
        ? FaultStatus.active("pid " + pid + " (" + now.get().comm() + ") is stopped")
        : new FaultStatus(
            FaultStatus.State.FAILED,
            "pid "
                + pid
                + " is running again (state "
                + now.get().state()
                + "): something else sent SIGCONT");
  }

  @Override
  public void revert(InjectedFault fault) {
    long pid = Long.parseLong(fault.require(PID));
    long start = Long.parseLong(fault.require(START));
    if (!isKill(fault)) {
      if (ProcFs.same(pid, start).isEmpty()) {
        return; // gone, or the pid belongs to another process now: never signal it
      }
      signal("CONT", pid);
      if (!ProcFs.await(() -> !stopped(pid, start), SIGNAL_WAIT_MS)) {
        throw new FaultException(
            "pid " + pid + " is still stopped " + SIGNAL_WAIT_MS + " ms after SIGCONT");
      }
      return;
    }
    if (!fault.handle().containsKey(RESTART)
        || ProcFs.same(pid, start).isPresent()
        || restartedPid(fault).isPresent()) {
      return; // nothing to restart, the kill never took, or already restarted
    }
    List<String> argv = restartOf(fault);
    // in a session of its own, so the runner's end (or a Ctrl-C to its terminal) does not take the
    // service along
    List<String> cmd = new ArrayList<>();
    HostCommand.which("setsid").ifPresent(s -> cmd.add(s.toString()));
    cmd.addAll(argv);
    Process p;
    try {
      p =
          new ProcessBuilder(cmd)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException e) {
      throw new FaultException(
          "cannot restart "
              + fault.target()
              + " with "
              + String.join(" ", argv)
              + ": "
              + e.getMessage(),
          e);
    }
    long startTime = ProcFs.stat(p.pid()).map(ProcFs.Stat::startTime).orElse(-1L);
    restarted.put(fault.id(), new long[] {p.pid(), startTime});
    journalRestart(fault, p.pid(), startTime);
  }

  @Override
  public boolean reverted(InjectedFault fault) {
    long pid = Long.parseLong(fault.require(PID));
    long start = Long.parseLong(fault.require(START));
    if (!isKill(fault)) {
      return !stopped(pid, start);
    }
    return !fault.handle().containsKey(RESTART)
        || ProcFs.same(pid, start).isPresent()
        || restartedPid(fault).isPresent();
  }

  /**
   * The pid of the restarted process, if the restart happened (here, in the journal, or by a
   * supervisor).
   */
  Optional<Long> restartedPid(InjectedFault fault) {
    long[] here = restarted.get(fault.id());
    if (here != null) {
      return Optional.of(here[0]);
    }
    String journalled = fault.handle().get(RESTARTED_PID);
    if (journalled == null && fault.handle().containsKey(JOURNAL)) {
      journalled =
          new FaultJournal(Path.of(fault.handle().get(JOURNAL)))
              .read().faults().stream()
                  .filter(f -> f.id().equals(fault.id()))
                  .findFirst()
                  .map(f -> f.handle().get(RESTARTED_PID))
                  .orElse(null);
    }
    if (journalled != null) {
      return Optional.of(Long.parseLong(journalled));
    }
    String pidFile = fault.handle().get(PID_FILE);
    if (pidFile != null) {
      long killed = Long.parseLong(fault.require(PID));
      long killedStart = Long.parseLong(fault.require(START));
      try {
        long now = readPidFile(Path.of(pidFile));
        Optional<ProcFs.Stat> s = ProcFs.stat(now).filter(ProcFs.Stat::alive);
        if (s.isPresent() && !(now == killed && s.get().startTime() == killedStart)) {
          return Optional.of(now);
        }
      } catch (IllegalArgumentException e) {
        // no readable pid file: not restarted by anyone else
      }
    }
    return Optional.empty();
  }

  /**
   * Records the restarted pid in the fault's journal entry, so a revert after a crash does not
   * restart twice.
   */
  private static void journalRestart(InjectedFault fault, long pid, long startTime) {
    String dir = fault.handle().get(JOURNAL);
    if (dir == null) {
      return;
    }
    FaultJournal journal = new FaultJournal(Path.of(dir));
    // the journal writes through a FileChannel, which an interrupt (SIGTERM's, on the reverting
    // thread) would close
    boolean interrupted = Thread.interrupted();
    try {
      if (journal.read().faults().stream().anyMatch(f -> f.id().equals(fault.id()))) {
        journal.record(
            fault
                .with(RESTARTED_PID, Long.toString(pid))
                .with(RESTARTED_START, Long.toString(startTime)));
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static boolean isKill(InjectedFault fault) {
    return "KILL".equals(fault.require(SIGNAL));
  }

  private static boolean stopped(long pid, long start) {
    return ProcFs.same(pid, start).map(ProcFs.Stat::stopped).orElse(false);
  }

  private static void signal(String sig, long pid) {
    HostCommand.check(
        "cannot send SIG" + sig + " to pid " + pid,
        List.of("kill", "-s", sig, Long.toString(pid)),
        null);
  }

  /**
   * The pid the binding names now; an {@link IllegalArgumentException} saying why when it names
   * none.
   */
  static long resolvePid(LocalTarget target) {
    if (target.pid() != null) {
      return target.pid();
    }
    if (target.pidFile() == null) {
      throw new IllegalArgumentException(
          "local target " + target.name() + " binds neither a pid nor a pidFile");
    }
    return readPidFile(target.pidFile());
  }

  private static long readPidFile(Path file) {
    String text;
    try {
      text = Files.readString(file).trim();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read pid file " + file + ": " + e.getMessage(), e);
    }
    try {
      long pid = Long.parseLong(text);
      if (pid <= 0) {
        throw new NumberFormatException();
      }
      return pid;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "pid file " + file + " must hold a positive pid, got \"" + text + "\"", e);
    }
  }

  /** Why this pid must not be signalled, or empty. */
  static Optional<String> refusal(LocalTarget target, long pid) {
    if (pid == 1) {
      return Optional.of("refusing to signal pid 1 (init) for local target " + target.name());
    }
    if (ProcFs.untouchable().contains(pid)) {
      return Optional.of(
          "refusing to signal pid "
              + pid
              + " for local target "
              + target.name()
              + ": it is this JVM (pid "
              + ProcessHandle.current().pid()
              + ") or one of its ancestors");
    }
    if (ProcFs.stat(pid).filter(ProcFs.Stat::alive).isEmpty()) {
      return Optional.of(
          "pid "
              + pid
              + " of local target "
              + target.name()
              + " is not alive (no such process, or a "
              + "zombie)");
    }
    return Optional.empty();
  }

  private static String toJson(List<String> argv) {
    try {
      return JSON.writeValueAsString(argv);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write restart command " + argv, e);
    }
  }

  private static List<String> restartOf(InjectedFault fault) {
    try {
      return JSON.readValue(fault.require(RESTART), new TypeReference<List<String>>() {});
    } catch (JsonProcessingException e) {
      throw new FaultException(
          "fault " + fault.id() + " has an unreadable restart command: " + e.getMessage(), e);
    }
  }
}
