package io.augur.chaos.cli;

import io.augur.chaos.exec.ExperimentEngine;
import io.augur.chaos.exec.FaultJournal;
import io.augur.chaos.exec.local.LocalExecutor;
import io.augur.chaos.exec.local.LocalTargets;
import io.augur.chaos.gameday.GameDay;
import io.augur.chaos.gameday.GameDayReport;
import io.augur.chaos.gameday.GameDayResult;
import io.augur.chaos.gameday.Scenario;
import io.augur.chaos.gameday.ScenarioFile;
import io.augur.chaos.loop.OutcomeLog;
import io.augur.chaos.prom.MetricsSource;
import io.augur.chaos.recovery.CheckContext;
import io.augur.chaos.recovery.RecoveryRun;
import io.augur.chaos.safety.SafetyGates;
import io.augur.domain.Sleeper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code augur chaos gameday SCENARIO.yaml}: run a game day on the local executor and write its
 * timeline.
 */
@Command(
    name = "gameday",
    mixinStandardHelpOptions = true,
    description =
        "Run a game day: its phases in order, with their actions (notify, snapshot, inject, failover) and "
            + "validations; abort on its abort conditions; always revert; write a Markdown and PNG timeline.")
public final class GamedayCommand implements Callable<Integer> {
  static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(30);

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "SCENARIO",
      description = "game-day scenario YAML (see deploy/chaos/gameday/)")
  Path scenarioFile;

  @Option(
      names = "--dry-run",
      description = "print the timeline it would run; notify, inject and run nothing")
  boolean dryRun;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "gameday-reports",
      description = "where SCENARIO.md, .png and .json go (default ${DEFAULT-VALUE})")
  Path out;

  @Option(
      names = "--fail-on-violation",
      description = "exit 1 when the game day does not pass (for CI/CD)")
  boolean failOnViolation;

  @Option(
      names = "--targets",
      paramLabel = "FILE",
      description = "local targets YAML: where inject targets run")
  Path targets;

  @Option(
      names = "--set",
      paramLabel = "NAME=VALUE",
      description = "set a ${NAME} variable of the scenario")
  Map<String, String> vars = new LinkedHashMap<>();

  @Option(
      names = "--outcomes",
      paramLabel = "FILE",
      description =
          "outcome log (JSON lines) the injected faults are recorded in (default OUT/outcomes.jsonl)")
  Path outcomes;

  @Option(
      names = "--journal",
      paramLabel = "DIR",
      defaultValue = ".augur/faults",
      description =
          "fault journal directory (default ${DEFAULT-VALUE}); what a killed run left there is reverted first")
  Path journalDir;

  @Mixin LocalGateOptions local;

  @Mixin MetricsOptions metrics;

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      Scenario scenario = ScenarioFile.read(scenarioFile, vars);
      if (dryRun) {
        o.print(GameDayReport.timeline(scenario));
        return 0;
      }
      MetricsSource source = metrics.source();
      if (source == null) {
        err.println(
            "chaos gameday: needs --prometheus URL (or --metrics-file) for the health gate, abort conditions "
                + "and snapshots");
        return 2;
      }
      boolean injects =
          scenario.phases().stream()
              .flatMap(p -> p.actions().stream())
              .anyMatch(a -> a instanceof Scenario.Inject);
      if (injects && targets == null) {
        err.println(
            "chaos gameday: the scenario injects faults: give --targets FILE (where its targets run)");
        return 2;
      }
      SafetyGates gates = local.gates(scenario.namespace(), metrics, source);
      LocalTargets bound =
          targets == null ? new LocalTargets(List.of()) : LocalTargets.read(targets);
      OutcomeLog log = new OutcomeLog(outcomes != null ? outcomes : out.resolve("outcomes.jsonl"));
      GameDayResult r;
      // SIGTERM/SIGINT interrupt the run; the guard waits until every fault is reverted and the
      // report written
      try (SignalGuard guard = new SignalGuard(Thread.currentThread(), SHUTDOWN_GRACE, err);
          LocalExecutor ex = LocalExecutor.standard(bound, Clock.systemUTC())) {
        FaultJournal journal = new FaultJournal(journalDir);
        if (!journal.read().faults().isEmpty() || !journal.read().unreadable().isEmpty()) {
          // a previous run was killed: remove what it left before anything new is injected
          ExperimentEngine.reap(journal, Map.of(ex.name(), ex), log, Clock.systemUTC())
              .forEach(l -> o.println("reaper: " + l));
        }
        RecoveryRun faults =
            new RecoveryRun(
                gates,
                ex,
                journal,
                CheckContext.of(source),
                source,
                Clock.systemUTC(),
                Sleeper.REAL,
                local.approver,
                line -> {
                  o.println(line);
                  o.flush();
                });
        GameDay day =
            new GameDay(
                faults,
                CheckContext.of(source),
                source,
                gates.policy().abortConditions(),
                Clock.systemUTC(),
                Sleeper.REAL,
                line -> {
                  o.println(line);
                  o.flush();
                });
        r = day.run(scenario);
        // the report is written through interruptible channels: clear a signal's interrupt for it,
        // then restore it
        boolean interrupted = Thread.interrupted();
        try {
          List<Path> files = GameDayReport.write(out, r);
          GameDayReport.outcomes(r).forEach(log::append);
          o.printf(
              "%s: %s; report %s, timeline %s%n",
              r.scenario(), r.status(), files.get(0), files.get(1));
          r.violations().forEach(v -> o.println("  violation: " + v));
        } finally {
          if (interrupted) {
            Thread.currentThread().interrupt();
          }
        }
      }
      return failOnViolation && r.violated() ? 1 : 0;
    } catch (IllegalArgumentException | UncheckedIOException | IOException e) {
      err.println("chaos gameday: " + e.getMessage());
      return 2;
    } finally {
      o.flush();
      err.flush();
    }
  }
}
