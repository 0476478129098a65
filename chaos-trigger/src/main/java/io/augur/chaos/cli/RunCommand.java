package io.augur.chaos.cli;

import io.augur.chaos.approval.Approval;
import io.augur.chaos.config.ChaosConfig;
import io.augur.chaos.exec.Approvals;
import io.augur.chaos.exec.Executor;
import io.augur.chaos.exec.ExperimentEngine;
import io.augur.chaos.exec.FaultJournal;
import io.augur.chaos.exec.RunResult;
import io.augur.chaos.exec.k8s.KubernetesExecutor;
import io.augur.chaos.exec.k8s.KubernetesReaper;
import io.augur.chaos.exec.local.LocalExecutor;
import io.augur.chaos.exec.local.LocalTargets;
import io.augur.chaos.experiment.PlannedExperiment;
import io.augur.chaos.loop.OutcomeLog;
import io.augur.chaos.manifest.WorkflowFile;
import io.augur.chaos.planfile.KafkaPlanSource;
import io.augur.chaos.planfile.PlanFile;
import io.augur.chaos.prom.MetricsSource;
import io.augur.chaos.requirements.Durations;
import io.augur.chaos.safety.GateDecision;
import io.augur.chaos.safety.SafetyGates;
import io.augur.chaos.targeting.ExperimentHistory;
import io.augur.domain.ExperimentOutcome;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code augur chaos run}: runs plans for real, one after the other, through the {@link
 * ExperimentEngine}: every gate again, inject, watch the abort conditions, revert, verify, record.
 * Before the first plan it reverts what a crashed earlier run left in the journal.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Run planned chaos experiments: every safety gate again at run time, inject, watch the abort conditions "
          + "(PromQL, fail closed), revert, verify and append the outcome. Leftovers of a crashed earlier run "
          + "(the journal) are reverted first.",
      "--executor kubernetes only dry-runs without --apply. --executor local has NO dry run: its faults are real "
          + "(SIGKILL/SIGSTOP, stress-ng, nftables, tc, the fault proxy) against processes on this machine, so it "
          + "refuses to start without --apply.",
      "SIGTERM/SIGINT stop the run: the active fault is reverted and recorded ABORTED before the JVM exits "
          + "(status 143/130). Exit status otherwise: 0 done; 1 with --fail-on-violation when a plan was "
          + "aborted, failed, refused or errored; 2 bad usage or input."
    },
    footer = {
      "",
      "Example (a CI gate after augur chaos plan ... --out plans/):",
      "  augur chaos run plans/plans/*.plan.yaml --executor kubernetes --apply --fail-on-violation \\",
      "      --prometheus http://prometheus:9090 --allow-namespace staging --timeout 30m",
      "A Workflow written by augur chaos plan (plans/workflow-augur-suite-*.yaml) runs the same way: every "
          + "step gated first, then the Workflow created as one resource (kubernetes) or its steps one after "
          + "another (local)."
    })
public final class RunCommand implements Callable<Integer> {
  static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(30);

  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "PLAN_OR_WORKFLOW",
      arity = "0..*",
      description =
          "plan files (YAML or JSON, one plan or a list), e.g. written by augur chaos plan --out DIR to "
              + "DIR/plans/<id>.plan.yaml, or a Chaos Mesh Workflow written by augur chaos plan (DIR/workflow-*.yaml: "
              + "it carries its plans; every step is gated, all or nothing; a hand-written or edited Workflow is refused)")
  List<Path> planFiles = new ArrayList<>();

  @Option(
      names = "--executor",
      defaultValue = "kubernetes",
      paramLabel = "local|kubernetes",
      description = "who carries out the faults (default ${DEFAULT-VALUE})")
  Executors.Kind executor;

  @Option(
      names = "--targets",
      paramLabel = "LOCAL_TARGETS.yaml",
      description =
          "for --executor local: where the plans' targets are on this machine (pid, proxy, netns, dir)")
  Path targets;

  @Option(
      names = "--apply",
      description =
          "really inject (kubernetes: create resources; without it a dry run). "
              + "Required for --executor local, whose faults are always real")
  boolean apply;

  @Option(
      names = "--timeout",
      defaultValue = "30m",
      paramLabel = "DURATION",
      description = "longest run of one plan, everything included (default ${DEFAULT-VALUE})")
  String timeout;

  @Option(
      names = "--watch-interval",
      defaultValue = "5s",
      paramLabel = "DURATION",
      description =
          "how often abort conditions are evaluated while a fault is active (default ${DEFAULT-VALUE})")
  String watchInterval;

  @Option(
      names = "--reap-cluster",
      description =
          "with --executor kubernetes: also delete every Augur-labelled chaos "
              + "resource in the allowed namespaces (not only the journal's), e.g. after a crash on a runner whose journal "
              + "is gone. Only when no other augur chaos run works on those namespaces; a dry run only lists them")
  boolean reapCluster;

  @Option(
      names = "--fail-on-violation",
      description = "exit 1 when any plan was aborted, failed, refused or errored")
  boolean failOnViolation;

  @Mixin MetricsOptions metrics;

  @Mixin PolicyOptions policyOptions;

  @Option(
      names = "--journal",
      defaultValue = "augur-out/chaos/journal",
      paramLabel = "DIR",
      description =
          "applied faults, one file each, so a crashed run's leftovers are reverted "
              + "(default ${DEFAULT-VALUE})")
  Path journal;

  @Option(
      names = "--outcomes",
      defaultValue = "augur-out/chaos/outcomes.jsonl",
      paramLabel = "FILE",
      description =
          "outcome log appended per run, read by augur chaos labels (default ${DEFAULT-VALUE})")
  Path outcomes;

  @Mixin QueueOptions queue;

  @Option(
      names = "--from-kafka",
      paramLabel = "BOOTSTRAP",
      description =
          "also take plans from the streaming job's chaos-targets topic; one that needs a person is put "
              + "into --queue for augur chaos approve")
  String kafka;

  @Option(
      names = "--from-queue",
      description =
          "also run every plan approved in --queue and still in force (needs "
              + "the approvers list); one whose outcome is already in --outcomes is not run again")
  boolean fromQueue;

  @Option(
      names = "--topic",
      paramLabel = "T",
      description = "with --from-kafka: the chaos-targets topic")
  String topic;

  @Option(
      names = "--group",
      defaultValue = "augur-chaos-run",
      paramLabel = "ID",
      description =
          "with --from-kafka: consumer group; a plan taken is committed before it runs "
              + "(default ${DEFAULT-VALUE})")
  String group;

  @Option(
      names = "--max-plans",
      defaultValue = "10",
      paramLabel = "N",
      description = "with --from-kafka: plans to take at most (default ${DEFAULT-VALUE})")
  int maxPlans;

  @Option(
      names = "--poll-timeout",
      defaultValue = "30s",
      paramLabel = "DURATION",
      description = "with --from-kafka: longest wait for plans (default ${DEFAULT-VALUE})")
  String pollTimeout;

  /** The clock of the live lines, the gates and the engine. */
  private final Clock clock = Clock.systemUTC();

  private RunConsole console;

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      return run(o, err);
    } catch (Executors.UsageException
        | IllegalArgumentException
        | IllegalStateException
        | UncheckedIOException e) {
      err.println("chaos run: " + e.getMessage());
      return 2;
    } finally {
      o.flush();
      err.flush();
    }
  }

  private int run(PrintWriter o, PrintWriter err) {
    console = new RunConsole(o, clock);
    Duration runTimeout = Durations.parse("--timeout", timeout);
    Duration interval = Durations.parse("--watch-interval", watchInterval);
    Duration wait = Durations.parse("--poll-timeout", pollTimeout);
    if (planFiles.isEmpty() && kafka == null && !fromQueue) {
      throw new Executors.UsageException(
          "give PLAN_OR_WORKFLOW..., --from-kafka BOOTSTRAP --topic T or --from-queue");
    }
    if (fromQueue && queue.who == null) {
      throw new Executors.UsageException(
          "--from-queue needs the approvers list (--approvers FILE or --approver NAME)");
    }
    if (kafka != null && (topic == null || topic.isBlank())) {
      throw new Executors.UsageException("--from-kafka needs --topic");
    }
    if (reapCluster && executor != Executors.Kind.kubernetes) {
      throw new Executors.UsageException("--reap-cluster is for --executor kubernetes only");
    }
    if (maxPlans < 1) {
      throw new Executors.UsageException("--max-plans must be >= 1, got " + maxPlans);
    }
    MetricsSource source = metrics.source();
    if (source == null) {
      throw new Executors.UsageException(
          "chaos run needs --prometheus URL (or --metrics-file) for the health gate "
              + "and the abort conditions");
    }
    ChaosConfig config = metrics.config();
    Approvals approvals = Executors.approvals(queue, clock);
    String approvalsFrom = Executors.describeApprovals(queue);
    List<PlannedExperiment> plans = new ArrayList<>();
    Map<String, String> seen = new java.util.HashMap<>(); // plan id -> where it came from
    Map<Path, WorkflowFile> workflows = new java.util.LinkedHashMap<>();
    for (Path f : planFiles) {
      boolean isWorkflow = WorkflowFile.isWorkflow(f);
      WorkflowFile wf = isWorkflow ? WorkflowFile.read(f) : null;
      if (isWorkflow) {
        workflows.put(f, wf);
      }
      for (PlannedExperiment p : isWorkflow ? wf.plans() : PlanFile.read(f)) {
        String before = seen.putIfAbsent(p.plan().id(), f.toString());
        if (before != null) {
          throw new Executors.UsageException(
              "plan " + p.plan().id() + " is given twice (" + before + ", " + f + ")");
        }
        if (!isWorkflow) {
          plans.add(p);
        }
      }
    }
    OutcomeLog log = new OutcomeLog(outcomes);
    FaultJournal faults = new FaultJournal(journal);
    // the guard is closed last: once it is, a signalled JVM may exit at any moment
    try (SignalGuard guard = new SignalGuard(Thread.currentThread(), SHUTDOWN_GRACE, err);
        Executor ex = Executors.executor(executor, apply, targets, clock)) {
      o.printf(
          "executor %s%s, journal %s, outcomes %s, health and abort conditions from %s, approvals %s%n",
          ex.name(),
          executor == Executors.Kind.kubernetes && !apply ? " (dry run: no --apply)" : "",
          journal,
          outcomes,
          metrics.describe(),
          approvalsFrom);
      // a local fault reverts from its journal entry alone, so a crashed local run's leftovers go
      // whatever runs now
      Map<String, Executor> reapers = new java.util.HashMap<>(Map.of(ex.name(), ex));
      reapers.putIfAbsent(
          LocalExecutor.NAME, LocalExecutor.standard(new LocalTargets(List.of()), clock));
      for (String line : ExperimentEngine.reap(faults, reapers, log, clock)) {
        console.line("reaper  " + line);
      }
      if (reapCluster && ex instanceof KubernetesExecutor k8s) {
        reapCluster(k8s, faults);
      }
      List<ExperimentOutcome> past = Files.exists(outcomes) ? log.read().outcomes() : List.of();
      Set<String> fromTopic = new java.util.HashSet<>();
      if (kafka != null) {
        for (PlannedExperiment p : fromKafka(err, wait)) {
          if (add(plans, seen, p, topic)) {
            fromTopic.add(p.plan().id());
          }
        }
      }
      if (fromQueue) {
        Set<String> ran =
            new java.util.HashSet<>(past.stream().map(ExperimentOutcome::planId).toList());
        for (Approval a : queue.queue(clock).approved()) {
          if (ran.contains(a.planned().plan().id())) {
            console.line(
                a.planned().plan().id() + "  not run again: " + outcomes + " has its outcome");
          } else {
            add(plans, seen, a.planned(), "the queue (approved by " + a.approver() + ")");
          }
        }
      }
      ExperimentHistory history = new ExperimentHistory(past);
      SafetyGates gates =
          policyOptions.gates(
              policyOptions.policy(Set.of(), config), source, config, history, clock);
      java.util.function.Function<Executor, ExperimentEngine.Builder> engines =
          e ->
              ExperimentEngine.builder()
                  .gates(gates)
                  .executor(e)
                  .metrics(source)
                  .approvals(approvals)
                  .journal(faults)
                  .outcomes(log)
                  .clock(clock)
                  .watchInterval(interval)
                  .timeout(runTimeout)
                  .listener(console.listener());
      ExperimentEngine engine = engines.apply(ex).build();
      List<RunResult> results = new ArrayList<>();
      for (PlannedExperiment p : plans) {
        if (guard.stopping() || Thread.currentThread().isInterrupted()) {
          console.line(p.plan().id() + "  not run: stopping on signal");
          continue;
        }
        RunResult r = engine.run(p);
        results.add(r);
        if (r.verdict() == RunResult.Verdict.REFUSED && fromTopic.contains(p.plan().id())) {
          queueForApproval(
              gates, p); // taken from the topic at most once: keep it where a person can approve it
        }
      }
      int planned = plans.size();
      WorkflowRuns wfRuns = new WorkflowRuns(console, guard::stopping, approvals);
      for (Map.Entry<Path, WorkflowFile> w : workflows.entrySet()) {
        planned += w.getValue().plans().size();
        results.addAll(wfRuns.run(w.getKey(), w.getValue(), ex, engine, engines));
      }
      boolean violation = console.summary(planned, results, journal);
      err.flush();
      return violation && failOnViolation ? 1 : 0;
    }
  }

  /**
   * The cluster sweep: Augur-labelled resources in the allowed namespaces that no journal entry
   * explains.
   */
  private void reapCluster(KubernetesExecutor k8s, FaultJournal faults) {
    List<String> namespaces =
        policyOptions.allowNamespaces == null ? List.of() : policyOptions.allowNamespaces;
    KubernetesReaper.Result r = new KubernetesReaper(k8s).reap(namespaces, Set.of(), faults);
    r.removed()
        .forEach(ref -> console.line("reaper  deleted " + ref + " (labelled managed-by=augur)"));
    r.wouldRemove()
        .forEach(ref -> console.line("reaper  would delete " + ref + " (dry run: no --apply)"));
    r.problems().forEach(p -> console.line("reaper  could not sweep: " + p));
    if (r.removed().isEmpty() && r.wouldRemove().isEmpty() && r.problems().isEmpty()) {
      console.line("reaper  no Augur chaos resources left in " + namespaces);
    }
  }

  /** Adds a plan from a source other than the files, unless a plan of that id is already in. */
  private boolean add(
      List<PlannedExperiment> plans, Map<String, String> seen, PlannedExperiment p, String from) {
    if (seen.putIfAbsent(p.plan().id(), from) != null) {
      console.line(
          p.plan().id() + "  from " + from + ": already taken from " + seen.get(p.plan().id()));
      return false;
    }
    plans.add(p);
    return true;
  }

  /**
   * A plan the gates pass only with a person's approval goes into the queue for augur chaos
   * approve.
   */
  private void queueForApproval(SafetyGates gates, PlannedExperiment p) {
    GateDecision d = gates.evaluate(p);
    if (d.status() != GateDecision.Status.NEEDS_APPROVAL) {
      return;
    }
    try {
      Path f = queue.queue(clock).submit(p, d.reasons());
      console.line(
          p.plan().id()
              + "  queued for approval: "
              + f
              + " (augur chaos approve "
              + p.plan().id()
              + " --as NAME, then augur chaos run --from-queue)");
    } catch (IllegalStateException e) {
      console.line(p.plan().id() + "  not queued: " + e.getMessage());
    }
  }

  private List<PlannedExperiment> fromKafka(PrintWriter err, Duration wait) {
    try (KafkaPlanSource src = new KafkaPlanSource(kafka, topic, group, new Properties())) {
      KafkaPlanSource.Batch b = src.poll(maxPlans, wait);
      for (KafkaPlanSource.Malformed m : b.malformed()) {
        err.println("chaos run: skipped " + topic + " " + m);
      }
      console.line(
          "took "
              + b.plans().size()
              + " plan(s) from "
              + topic
              + " at "
              + kafka
              + " (group "
              + group
              + ")");
      return b.plans();
    } catch (org.apache.kafka.common.errors.InterruptException e) {
      Thread.currentThread().interrupt(); // a signal while polling: nothing taken, nothing to run
      console.line("stopped while reading " + topic + ": nothing taken");
      return List.of();
    } catch (org.apache.kafka.common.KafkaException e) {
      throw new IllegalStateException(
          "cannot read plans from " + topic + " at " + kafka + ": " + e.getMessage(), e);
    }
  }
}
