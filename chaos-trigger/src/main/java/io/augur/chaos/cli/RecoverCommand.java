package io.augur.chaos.cli;

import io.augur.chaos.exec.ExperimentEngine;
import io.augur.chaos.exec.FaultJournal;
import io.augur.chaos.exec.local.LocalExecutor;
import io.augur.chaos.exec.local.LocalTargets;
import io.augur.chaos.experiment.PlannedExperiment;
import io.augur.chaos.loop.OutcomeLog;
import io.augur.chaos.manifest.ManifestWriter;
import io.augur.chaos.manifest.RecoveryWorkflows;
import io.augur.chaos.manifest.WorkflowOptions;
import io.augur.chaos.prom.MetricsSource;
import io.augur.chaos.recovery.CheckContext;
import io.augur.chaos.recovery.RecoveryOutcomes;
import io.augur.chaos.recovery.RecoveryReport;
import io.augur.chaos.recovery.RecoveryResult;
import io.augur.chaos.recovery.RecoveryRun;
import io.augur.chaos.recovery.RecoveryTest;
import io.augur.chaos.recovery.RecoveryTestFile;
import io.augur.chaos.recovery.ValidationStep;
import io.augur.chaos.safety.ApprovedPlan;
import io.augur.chaos.safety.GateDecision;
import io.augur.chaos.safety.SafetyGates;
import io.augur.domain.Sleeper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
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

/** {@code augur chaos recover TEST.yaml}: run a declarative recovery test on the local executor. */
@Command(
    name = "recover",
    mixinStandardHelpOptions = true,
    description =
        "Run a recovery test: trigger its fault (after the safety gates), watch its checks, revert, and report "
            + "per step when it held and the recovery time against the expectation. Dry run unless --apply.")
public final class RecoverCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "TEST",
      description = "recovery test YAML (see deploy/chaos/recovery/)")
  Path testFile;

  @Option(
      names = "--targets",
      paramLabel = "FILE",
      description = "local targets YAML: where the trigger's target runs")
  Path targets;

  @Option(
      names = "--apply",
      description = "inject the fault for real (default: print what would run)")
  boolean apply;

  @Option(
      names = "--fail-on-violation",
      description = "exit 1 when the test does not pass (for CI/CD)")
  boolean failOnViolation;

  @Option(
      names = "--set",
      paramLabel = "NAME=VALUE",
      description = "set a ${NAME} variable of the test file")
  Map<String, String> vars = new LinkedHashMap<>();

  @Option(
      names = "--report-dir",
      paramLabel = "DIR",
      defaultValue = "recovery-reports",
      description = "where TEST.md and TEST.json go (default ${DEFAULT-VALUE})")
  Path reportDir;

  @Option(
      names = "--metrics-textfile",
      paramLabel = "FILE",
      description = "also write augur_recovery_* for node-exporter's textfile collector (*.prom)")
  Path metricsTextfile;

  @Option(
      names = "--outcomes",
      paramLabel = "FILE",
      description =
          "append the run's outcome to this outcome log (JSON lines), as augur chaos run does")
  Path outcomes;

  @Option(
      names = "--journal",
      paramLabel = "DIR",
      defaultValue = ".augur/faults",
      description =
          "fault journal directory (default ${DEFAULT-VALUE}); what a killed run left there is reverted "
              + "first, with an ABORTED outcome to --outcomes (default REPORT_DIR/outcomes.jsonl)")
  Path journalDir;

  @Mixin LocalGateOptions local;

  @Option(
      names = "--workflow",
      paramLabel = "FILE",
      description =
          "instead of running it here, write the test as a Chaos Mesh Workflow (after the safety gates)")
  Path workflow;

  @Option(
      names = "--workflow-prometheus",
      paramLabel = "URL",
      defaultValue = "http://prometheus.monitoring.svc:9090",
      description = "the Prometheus the Workflow's PromQL tasks query (default ${DEFAULT-VALUE})")
  String workflowPrometheus;

  @Mixin MetricsOptions metrics;

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      RecoveryTest test = RecoveryTestFile.read(testFile, vars);
      if (workflow != null) {
        return writeWorkflow(test, o, err);
      }
      if (!apply) {
        describe(test, o);
        return 0;
      }
      if (targets == null) {
        err.println(
            "chaos recover: --apply needs --targets FILE (where "
                + test.trigger().target()
                + " runs)");
        return 2;
      }
      MetricsSource source = metrics.source();
      if (source == null) {
        err.println(
            "chaos recover: --apply needs --prometheus URL (or --metrics-file) for the health gate");
        return 2;
      }
      SafetyGates gates = gates(test, source);
      LocalTargets bound = LocalTargets.read(targets);
      // SIGTERM/SIGINT interrupt the run; the hook waits until the revert and the report are done
      return interruptibleOnSignal(
          () -> {
            RecoveryResult r;
            try (LocalExecutor ex = LocalExecutor.standard(bound, Clock.systemUTC())) {
              RecoveryRun run =
                  new RecoveryRun(
                      gates,
                      ex,
                      new FaultJournal(journalDir),
                      CheckContext.of(source),
                      source,
                      Clock.systemUTC(),
                      Sleeper.REAL,
                      local.approver,
                      line -> {
                        o.println(line);
                        o.flush();
                      });
              FaultJournal journal = new FaultJournal(journalDir);
              if (!journal.read().faults().isEmpty() || !journal.read().unreadable().isEmpty()) {
                // a previous run was killed: remove what it left before anything new is injected
                OutcomeLog log =
                    new OutcomeLog(
                        outcomes != null ? outcomes : reportDir.resolve("outcomes.jsonl"));
                ExperimentEngine.reap(journal, Map.of(ex.name(), ex), log, Clock.systemUTC())
                    .forEach(l -> o.println("reaper: " + l));
              }
              r = run.run(test);
            }
            // files are written through interruptible channels: clear a SIGTERM's interrupt for the
            // report, then restore it
            boolean interrupted = Thread.interrupted();
            try {
              return report(test, r, o);
            } finally {
              if (interrupted) {
                Thread.currentThread().interrupt();
              }
            }
          });
    } catch (IllegalArgumentException | UncheckedIOException | IOException e) {
      err.println("chaos recover: " + e.getMessage());
      return 2;
    } finally {
      o.flush();
      err.flush();
    }
  }

  private int report(RecoveryTest test, RecoveryResult r, PrintWriter o) throws IOException {
    List<Path> files = RecoveryReport.write(reportDir, r);
    if (outcomes != null) {
      RecoveryOutcomes.of(r).ifPresent(new OutcomeLog(outcomes)::append);
    }
    if (metricsTextfile != null) {
      RecoveryReport.atomic(
          metricsTextfile, RecoveryReport.prometheus(r, test.observeFor().toMillis()));
    }
    o.printf(
        "%s: %s, recovery %s (expected <= %s); report %s%n",
        r.test(),
        r.status(),
        r.measuredRecoveryMs() == null ? "not measured" : r.measuredRecoveryMs() + "ms",
        r.expectedRecoveryMs() + "ms",
        files.get(0));
    r.violations().forEach(v -> o.println("  violation: " + v));
    o.flush();
    return failOnViolation && r.violated() ? 1 : 0;
  }

  /** A body that may throw what the command reports. */
  @FunctionalInterface
  private interface Body {
    int run() throws IOException;
  }

  private SafetyGates gates(RecoveryTest test, MetricsSource source) {
    return local.gates(test.namespace(), metrics, source);
  }

  private int writeWorkflow(RecoveryTest test, PrintWriter o, PrintWriter err) throws IOException {
    MetricsSource source = metrics.source();
    if (source == null) {
      err.println(
          "chaos recover: --workflow needs --prometheus URL (or --metrics-file) for the health gate");
      return 2;
    }
    SafetyGates gates = gates(test, source);
    PlannedExperiment planned =
        RecoveryRun.plan(test, gates.policy().abortConditions(), Clock.systemUTC().millis());
    GateDecision d = gates.evaluate(planned);
    ApprovedPlan approved;
    if (d.status() == GateDecision.Status.APPROVED) {
      approved = d.approvedPlan();
    } else if (d.status() == GateDecision.Status.NEEDS_APPROVAL && local.approver != null) {
      approved = gates.approve(planned, local.approver);
    } else {
      err.println(
          "chaos recover: safety gates: " + d.status() + ": " + String.join("; ", d.reasons()));
      return failOnViolation ? 1 : 2;
    }
    WorkflowOptions wo =
        new WorkflowOptions(
            workflowPrometheus,
            WorkflowOptions.DEFAULT.healthUrlTemplate(),
            WorkflowOptions.DEFAULT.taskImage(),
            WorkflowOptions.DEFAULT.baselineSeconds(),
            WorkflowOptions.DEFAULT.recoverySeconds());
    RecoveryReport.atomic(
        workflow, ManifestWriter.yaml(new RecoveryWorkflows(wo).workflow(test, approved)));
    o.println("wrote Chaos Mesh Workflow recovery-" + test.name() + " to " + workflow);
    return 0;
  }

  /** Runs {@code body} so that SIGTERM/SIGINT interrupt it and wait (bounded) for its revert. */
  private static int interruptibleOnSignal(Body body) throws IOException {
    Thread worker = Thread.currentThread();
    Object done = new Object();
    boolean[] finished = {false};
    Thread hook =
        new Thread(
            () -> {
              worker.interrupt();
              synchronized (done) {
                long deadline = System.currentTimeMillis() + 30_000;
                while (!finished[0] && System.currentTimeMillis() < deadline) {
                  try {
                    done.wait(100);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              }
            },
            "augur-recover-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return body.run();
    } finally {
      synchronized (done) {
        finished[0] = true;
        done.notifyAll();
      }
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running: it waits for us, which is what it is for
      }
    }
  }

  private static void describe(RecoveryTest t, PrintWriter o) {
    o.printf("recovery test %s (dry run: nothing is injected; --apply to run)%n", t.name());
    o.printf(
        "  trigger: %s on %s%s, at least %dms%n",
        t.trigger().fault().id(),
        t.trigger().target(),
        t.trigger().params().isEmpty() ? "" : " " + t.trigger().params(),
        t.trigger().minDuration().toMillis());
    o.printf(
        "  expected recovery <= %dms from %s; each phase watched up to %dms every %dms%n",
        t.expectedRecovery().toMillis(),
        t.recoveryFrom().name().toLowerCase(java.util.Locale.ROOT),
        t.observeFor().toMillis(),
        t.interval().toMillis());
    for (ValidationStep s : t.expectedBehaviours()) {
      o.printf(
          "  while the fault is in effect: %s: %s%s%n", s.name(), s.check().describe(), hold(s));
    }
    for (ValidationStep s : t.validation()) {
      o.printf("  recovery: %s: %s%s%n", s.name(), s.check().describe(), hold(s));
    }
  }

  private static String hold(ValidationStep s) {
    return s.holdFor().isZero() ? "" : ", for " + s.holdFor().toMillis() + "ms";
  }
}
