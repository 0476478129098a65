package io.augur.chaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.augur.chaos.catalogue.ExperimentType;
import io.augur.chaos.exec.FaultJournal;
import io.augur.chaos.loop.OutcomeLog;
import io.augur.domain.ExperimentOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code augur chaos run --executor local} as a separate process pausing (SIGSTOP) a real {@code
 * sleep 600} of the test's own: SIGTERM to the CLI mid-run reverts the pause and records ABORTED
 * before the JVM exits (SIGINT the same); a breached abort condition reverts it at once and fails
 * the gate; after a SIGKILL of the CLI the pause stays, and the next {@code chaos run} reaps it and
 * records the crashed run.
 */
@Tag("slow") // two to three JVM starts each
class RunSignalsITCase {
  static final String PLAN = "augur-pod-failure-sleeper-1";

  @TempDir Path dir;
  private Process sleeper;

  @BeforeEach
  void startSleeper() throws IOException {
    assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs /proc (Linux)");
    assumeTrue(
        Files.isExecutable(Path.of("/bin/sleep")) || Files.isExecutable(Path.of("/usr/bin/sleep")),
        "needs sleep");
    sleeper = new ProcessBuilder("sleep", "600").start();
  }

  @AfterEach
  void stopSleeper() throws InterruptedException {
    if (sleeper != null) {
      sleeper.destroyForcibly(); // also ends a pause the test left behind
      sleeper.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** The process state letter from /proc/PID/stat: R, S, T (stopped) ... */
  static char state(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    return stat.substring(stat.lastIndexOf(')') + 2).charAt(0);
  }

  private List<String> args(String... planFiles) throws IOException {
    List<String> a = new ArrayList<>(List.of("run"));
    a.addAll(List.of(planFiles));
    a.addAll(
        List.of(
            "--executor",
            "local",
            "--apply",
            "--targets",
            RunFixtures.targets(dir, "sleeper", sleeper.pid()).toString(),
            "--metrics-file",
            RunFixtures.healthyMetrics(dir).toString(),
            "--allow-namespace",
            RunFixtures.NAMESPACE,
            "--critical-window",
            "any",
            "--watch-interval",
            "1s",
            "--journal",
            dir.resolve("journal").toString(),
            "--outcomes",
            dir.resolve("outcomes.jsonl").toString()));
    return a;
  }

  private String pausePlan() {
    return RunFixtures.planFile(
            dir, RunFixtures.plan(PLAN, ExperimentType.POD_FAILURE, "sleeper", 300, Map.of()))
        .toString();
  }

  private List<ExperimentOutcome> outcomes() {
    return new OutcomeLog(dir.resolve("outcomes.jsonl")).read().outcomes();
  }

  /**
   * Whether a process ignores a signal (a shell without job control starts background jobs ignoring
   * SIGINT).
   */
  static boolean ignores(long pid, int signal) throws IOException {
    for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (l.startsWith("SigIgn:")) {
        return (Long.parseUnsignedLong(l.substring(7).trim(), 16) & (1L << (signal - 1))) != 0;
      }
    }
    return false;
  }

  @ParameterizedTest(name = "SIG{0}")
  @CsvSource({"TERM, 15", "INT, 2"})
  void shouldRevertThePauseAndRecordAbortedWhenTheCliIsSignalled(String signal, int number)
      throws Exception {
    List<String> a = args(pausePlan());
    a.add("--fail-on-violation");
    try (CliProcess cli = CliProcess.start(dir, a)) {
      cli.awaitLine(l -> l.contains(PLAN) && l.contains("WATCH"), Duration.ofSeconds(60));
      assertEquals('T', state(sleeper.pid()), "paused while the fault is active");
      assumeTrue(
          !ignores(cli.pid(), number),
          "the CLI was started with SIG" + signal + " ignored (no job control)");
      long signalledAt = System.nanoTime();
      if (number == 15) {
        cli.sigterm();
      } else {
        assertEquals(
            0,
            new ProcessBuilder("kill", "-" + signal, Long.toString(cli.pid())).start().waitFor());
      }
      int code = cli.awaitExit(Duration.ofSeconds(40));
      System.out.printf(
          "measured: SIG%s to the CLI's exit, pause reverted and recorded: %d ms%n",
          signal, (System.nanoTime() - signalledAt) / 1_000_000);
      assertEquals(
          128 + number,
          code,
          "the status of a process ended by SIG" + signal + ", after reverting:\n" + cli.output());
      assertTrue(state(sleeper.pid()) != 'T', "the pause is gone: state " + state(sleeper.pid()));
      assertTrue(cli.output().contains("ABORTED  " + PLAN + "  interrupted"), cli.output());
    }
    List<ExperimentOutcome> o = outcomes();
    assertEquals(1, o.size(), o.toString());
    assertEquals(ExperimentOutcome.Status.ABORTED, o.get(0).status());
    assertTrue(o.get(0).notes().contains("interrupted"), o.get(0).notes());
    assertEquals(
        List.of(),
        new FaultJournal(dir.resolve("journal")).read().faults(),
        "nothing left to reap");
  }

  @Test
  void shouldRevertTheActiveStepAndRunNoMoreStepsWhenAWorkflowRunIsSignalled() throws Exception {
    String first = "wf-pod-failure-sleeper-1";
    String second = "wf-pod-failure-sleeper-2";
    Path wf =
        WorkflowFixtures.workflow(
            dir,
            "signalled",
            List.of(
                RunFixtures.plan(first, ExperimentType.POD_FAILURE, "sleeper", 300, Map.of()),
                RunFixtures.plan(second, ExperimentType.POD_FAILURE, "sleeper", 300, Map.of())));
    List<String> a = args(wf.toString());
    a.add("--fail-on-violation");
    try (CliProcess cli = CliProcess.start(dir, a)) {
      cli.awaitLine(l -> l.contains(first) && l.contains("WATCH"), Duration.ofSeconds(60));
      assertEquals('T', state(sleeper.pid()), "the first step's pause is active");
      assumeTrue(!ignores(cli.pid(), 15), "the CLI was started with SIGTERM ignored");
      cli.sigterm();
      assertEquals(143, cli.awaitExit(Duration.ofSeconds(40)), cli.output());
      assertTrue(state(sleeper.pid()) != 'T', "the pause is gone: state " + state(sleeper.pid()));
      assertTrue(cli.output().contains("ABORTED  " + first + "  interrupted"), cli.output());
      assertTrue(
          !cli.output().contains(second + "  INJECT"),
          "the second step never started: " + cli.output());
    }
    List<ExperimentOutcome> o = outcomes();
    assertEquals(List.of(first), o.stream().map(ExperimentOutcome::planId).toList(), o.toString());
    assertEquals(ExperimentOutcome.Status.ABORTED, o.get(0).status());
    assertEquals(
        List.of(),
        new FaultJournal(dir.resolve("journal")).read().faults(),
        "nothing left to reap");
  }

  @Test
  void shouldReapThePauseOfAKilledCliOnTheNextStartAndRecordTheCrash() throws Exception {
    try (CliProcess cli = CliProcess.start(dir, args(pausePlan()))) {
      cli.awaitLine(l -> l.contains(PLAN) && l.contains("WATCH"), Duration.ofSeconds(60));
      cli.sigkill();
      assertEquals(137, cli.awaitExit(Duration.ofSeconds(20)));
    }
    assertEquals(
        'T', state(sleeper.pid()), "a SIGKILLed runner cannot revert: the pause is still there");
    assertEquals(
        1, new FaultJournal(dir.resolve("journal")).read().faults().size(), "and journalled");
    assertEquals(List.of(), outcomes());

    // the next run: a plan for a target this machine does not have, refused; the reaper runs first
    String ghost =
        RunFixtures.planFile(
                dir,
                RunFixtures.plan(
                    "augur-pod-failure-ghost-1", ExperimentType.POD_FAILURE, "ghost", 30, Map.of()))
            .toString();
    long startedAt = System.nanoTime();
    try (CliProcess next = CliProcess.start(dir, args(ghost))) {
      next.awaitLine(l -> l.contains("reaper  reverted fault"), Duration.ofSeconds(60));
      System.out.printf(
          "measured: new CLI start to the killed run's pause reaped: %d ms (JVM start included)%n",
          (System.nanoTime() - startedAt) / 1_000_000);
      assertEquals(0, next.awaitExit(Duration.ofSeconds(60)), next.output());
      assertTrue(
          next.output().contains("reaper  reverted fault " + PLAN + "-local-signal"),
          next.output());
      assertTrue(next.output().contains("REFUSED  augur-pod-failure-ghost-1"), next.output());
    }
    assertTrue(
        state(sleeper.pid()) != 'T',
        "the reaper resumed the process: state " + state(sleeper.pid()));
    assertEquals(List.of(), new FaultJournal(dir.resolve("journal")).read().faults());
    List<ExperimentOutcome> o = outcomes();
    assertEquals(1, o.size(), o.toString());
    assertEquals(PLAN, o.get(0).planId());
    assertEquals(ExperimentOutcome.Status.ABORTED, o.get(0).status());
    assertTrue(o.get(0).notes().contains("crashed"), o.get(0).notes());
  }

  @Test
  void shouldRevertAtOnceAndFailTheGateWhenAnAbortConditionIsBreached() throws Exception {
    String plan =
        RunFixtures.planFile(
                dir, RunFixtures.plan(PLAN, ExperimentType.POD_FAILURE, "sleeper", 30, Map.of()))
            .toString();
    List<String> a =
        args(plan); // writes the healthy metrics file; then p99 latency goes to 5 s (limit 1 s)
    String latency =
        "'"
            + io.augur.chaos.config.ChaosConfig.defaults()
                .abortConditions()
                .get(2)
                .promql()
                .replace("'", "''")
            + "'";
    Path metrics = dir.resolve("metrics.yaml");
    String healthy = Files.readString(metrics);
    assertTrue(healthy.contains(latency + ": 0.0"), healthy);
    Files.writeString(metrics, healthy.replace(latency + ": 0.0", latency + ": 5.0"));
    a.set(a.indexOf("1s"), "200ms");
    a.add("--fail-on-violation");
    RunCommandTest.Run r = RunCommandTest.run(a.toArray(String[]::new));
    assertEquals(1, r.code(), r.out() + r.err());
    r.out()
        .lines()
        .filter(l -> l.contains("breach to verified revert"))
        .forEach(
            l ->
                System.out.println(
                    "measured (watch interval 200ms): " + l.replaceAll(".*\\(", "(")));
    assertTrue(r.out().contains("abort: latency-p99-seconds"), r.out());
    assertTrue(
        r.out().matches("(?s).*ABORTED  " + PLAN + " .*breach to verified revert \\d+ ms.*"),
        r.out());
    assertTrue(state(sleeper.pid()) != 'T', "the pause is gone: state " + state(sleeper.pid()));
    List<ExperimentOutcome> o = outcomes();
    assertEquals(1, o.size(), o.toString());
    assertEquals(ExperimentOutcome.Status.ABORTED, o.get(0).status());
    assertTrue(o.get(0).notes().contains("latency-p99-seconds"), o.get(0).notes());
    assertEquals(List.of(), new FaultJournal(dir.resolve("journal")).read().faults());
  }

  /**
   * Whether {@code pid} is still the process that started at {@code startTime} (field 22 of
   * /proc/PID/stat).
   */
  static boolean alive(long pid, String startTime) throws IOException {
    Path stat = Path.of("/proc/" + pid + "/stat");
    if (!Files.exists(stat)) {
      return false;
    }
    String s;
    try {
      s = Files.readString(stat);
    } catch (java.nio.file.NoSuchFileException gone) {
      return false;
    }
    String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
    return f[19].equals(startTime) && f[0].charAt(0) != 'Z';
  }

  @Test
  void shouldReapTheStressNgOfAKilledCliOnTheNextStart() throws Exception {
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/stress-ng")),
        "needs stress-ng (Debian: apt-get install stress-ng)");
    String cpu =
        RunFixtures.planFile(
                dir,
                RunFixtures.plan(
                    "augur-cpu-spike-sleeper-1",
                    ExperimentType.CPU_SPIKE,
                    "sleeper",
                    120,
                    Map.of("param.load", "5", "param.workers", "1")))
            .toString();
    try (CliProcess cli = CliProcess.start(dir, args(cpu))) {
      cli.awaitLine(
          l -> l.contains("augur-cpu-spike-sleeper-1") && l.contains("WATCH"),
          Duration.ofSeconds(60));
      cli.sigkill();
      assertEquals(137, cli.awaitExit(Duration.ofSeconds(20)));
    }
    List<io.augur.chaos.exec.InjectedFault> left =
        new FaultJournal(dir.resolve("journal")).read().faults();
    assertEquals(1, left.size(), left.toString());
    long pid = Long.parseLong(left.get(0).require("pid"));
    String start = left.get(0).require("startTime");
    assertTrue(alive(pid, start), "stress-ng outlives the killed runner");
    String ghost =
        RunFixtures.planFile(
                dir,
                RunFixtures.plan(
                    "augur-pod-failure-ghost-1", ExperimentType.POD_FAILURE, "ghost", 30, Map.of()))
            .toString();
    try (CliProcess next = CliProcess.start(dir, args(ghost))) {
      assertEquals(0, next.awaitExit(Duration.ofSeconds(60)), next.output());
      assertTrue(
          next.output().contains("reaper  reverted fault augur-cpu-spike-sleeper-1-local-stress"),
          next.output());
    }
    assertTrue(!alive(pid, start), "the reaper stopped stress-ng " + pid);
    assertEquals(List.of(), new FaultJournal(dir.resolve("journal")).read().faults());
    List<ExperimentOutcome> o = outcomes();
    assertEquals(1, o.size(), o.toString());
    assertTrue(o.get(0).notes().contains("crashed"), o.get(0).notes());
  }
}
