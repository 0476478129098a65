package io.augur.chaos.cli;

import io.augur.chaos.approval.ApprovalQueue;
import io.augur.chaos.approval.Approvers;
import io.augur.chaos.experiment.PlannedExperiment;
import io.augur.chaos.manifest.ChaosMeshManifests;
import io.augur.chaos.manifest.LitmusManifests;
import io.augur.chaos.manifest.ManifestWriter;
import io.augur.chaos.manifest.WorkflowOptions;
import io.augur.chaos.plan.PlanningRound;
import io.augur.chaos.planfile.PlanFile;
import io.augur.chaos.prom.InMemoryMetricsSource;
import io.augur.chaos.prom.MetricsSource;
import io.augur.chaos.safety.AbortCondition;
import io.augur.chaos.safety.ApprovedPlan;
import io.augur.chaos.safety.GateDecision;
import io.augur.chaos.safety.SafetyGates;
import io.augur.chaos.safety.SafetyPolicy;
import io.augur.chaos.targeting.ExperimentHistory;
import io.augur.chaos.targeting.RankedTarget;
import io.augur.chaos.targeting.RankingConfig;
import io.augur.domain.FailurePrediction;
import io.augur.fleet.DemoFleet;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code augur chaos plan}: rank targets, plan experiments, run the safety gates, write manifests.
 */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description =
        "Rank components for chaos experiments from failure predictions, pass the plans through the "
            + "safety gates and write Chaos Mesh (and optionally Litmus) manifests for the approved ones.")
public final class PlanCommand implements Callable<Integer> {
  /** Plan files (approved and needing approval) go to this directory under {@code --out}. */
  static final String PLANS_DIR = "plans";

  @Spec CommandSpec spec;

  static final class Source {
    @Option(
        names = "--predictions",
        paramLabel = "FILE",
        description = "JSON lines of FailurePrediction")
    Path predictions;

    @Option(names = "--demo", description = "simulated predictions for the demo fleet (see README)")
    boolean demo;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  @Mixin MetricsOptions metrics;

  @Option(
      names = "--seed",
      defaultValue = "7",
      description = "demo fleet seed (default ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--outcomes",
      paramLabel = "FILE",
      description = "outcome log (JSON lines): recent experiments lower a target")
  Path outcomes;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "write manifests of approved plans here, and a plan file per approved or approval-needing plan "
              + "to DIR/plans/<id>.plan.yaml (for augur chaos run)")
  Path out;

  @Option(
      names = "--namespace",
      defaultValue = "default",
      description = "namespace of targets without a namespace label")
  String namespace;

  @Option(
      names = "--max-targets",
      defaultValue = "3",
      description = "experiments to plan (default ${DEFAULT-VALUE})")
  int maxTargets;

  @Option(
      names = "--pods-per-component",
      defaultValue = "4",
      description = "pods of a component without a replicas label")
  int podsPerComponent;

  @Mixin PolicyOptions policyOptions;

  @Option(
      names = "--approve-as",
      paramLabel = "NAME",
      description = "approve plans that need a human, as NAME")
  String approver;

  @Option(
      names = "--queue",
      paramLabel = "DIR",
      description = "put plans that need a human into this approval queue")
  Path queue;

  @Option(
      names = "--cron",
      paramLabel = "EXPR",
      description = "also write a Schedule per approved plan and one for the whole suite")
  String cron;

  @Option(
      names = "--litmus",
      description = "also write LitmusChaos ChaosEngines where Litmus has the experiment")
  boolean litmus;

  @Option(
      names = "--now",
      paramLabel = "INSTANT",
      description = "planning time (ISO-8601), default now")
  Instant now;

  @Option(
      names = "--prometheus-for-tasks",
      defaultValue = "http://prometheus.monitoring.svc:9090",
      description =
          "Prometheus URL the Workflow baseline/report tasks query from inside the cluster")
  String tasksPrometheus;

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      return run(o, err);
    } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
      err.println("chaos plan: " + e.getMessage());
      return 2;
    } finally {
      o.flush();
      err.flush();
    }
  }

  private int run(PrintWriter o, PrintWriter err) {
    Clock clock = Clock.fixed(now == null ? Instant.now() : now, ZoneOffset.UTC);
    List<FailurePrediction> predictions;
    MetricsSource health = metrics.source();
    String healthFrom = metrics.describe();
    if (source.demo) {
      DemoFleet fleet = DemoPredictions.fleet(seed);
      long t = DemoPredictions.demoTime(fleet);
      if (now == null) {
        clock = Clock.fixed(Instant.ofEpochMilli(t), ZoneOffset.UTC);
      }
      predictions = DemoPredictions.at(fleet, t, seed);
      o.printf(
          "demo fleet (seed %d), simulated predictions at %s%n", seed, Instant.ofEpochMilli(t));
      if (health == null) {
        InMemoryMetricsSource healthy = new InMemoryMetricsSource();
        metrics.config().healthQueries().forEach(q -> healthy.set(q.promql(), 0.0));
        health = healthy;
        healthFrom = "demo (simulated healthy system)";
      }
    } else {
      predictions = Inputs.predictions(source.predictions);
    }
    if (health == null) {
      health = new InMemoryMetricsSource(); // no data: health unknown, every plan deferred
      healthFrom = "none given (--prometheus or --metrics-file): health unknown";
    }
    ExperimentHistory history = new ExperimentHistory(Inputs.outcomes(outcomes, err));
    SafetyPolicy policy = policy(predictions);
    SafetyGates gates = policyOptions.gates(policy, health, metrics.config(), history, clock);
    PlanningRound.Result round =
        new PlanningRound(RankingConfig.DEFAULT, gates, namespace, podsPerComponent, clock)
            .run(predictions, history, maxTargets);
    printRanking(o, round.ranked());
    List<GateDecision> decisions = round.decisions();
    o.printf(
        "%nhealth from %s: %s%n",
        healthFrom,
        decisions.isEmpty()
            ? "-"
            : Double.isNaN(decisions.get(0).health().health())
                ? "unknown"
                : String.format(Locale.ROOT, "%.2f", decisions.get(0).health().health()));
    o.printf(
        "policy: namespaces %s, blast limit %.4f, approval above %.4f%n",
        policy.allowlist(), policy.blastLimit(), policy.approvalAbove());
    List<ApprovedPlan> approved = new ArrayList<>();
    List<PlannedExperiment> runnable = new ArrayList<>();
    for (GateDecision d : decisions) {
      GateDecision.Status status = d.status();
      if (status == GateDecision.Status.APPROVED || status == GateDecision.Status.NEEDS_APPROVAL) {
        runnable.add(d.planned());
      }
      ApprovedPlan a = d.approvedPlan();
      if (status == GateDecision.Status.NEEDS_APPROVAL && approver != null) {
        a = gates.approve(d.planned(), approver);
        status = GateDecision.Status.APPROVED;
      }
      PlannedExperiment p = d.planned();
      o.printf(
          "%n%-14s %s  %s on %s in %s, %ds, blast %.4f, rollout %s%n",
          status,
          p.plan().id(),
          p.type().id(),
          p.plan().targets().get(0),
          p.plan().namespace(),
          p.plan().durationSeconds(),
          p.maxBlastRadius(),
          p.plan().evidence().get("rollout"));
      for (String r : a != null ? List.of("approved by " + a.approvedBy()) : d.reasons()) {
        o.println("    " + r);
      }
      if (a != null) {
        approved.add(a);
      }
      if (status == GateDecision.Status.NEEDS_APPROVAL && queue != null) {
        o.println(
            "    queued "
                + new ApprovalQueue(queue, Approvers.none(), ApprovalQueue.DEFAULT_TTL, clock)
                    .submit(p, d.reasons()));
      }
    }
    if (out != null && !approved.isEmpty()) {
      writeManifests(o, approved, policy);
    }
    if (out != null && !runnable.isEmpty()) {
      o.println();
      for (PlannedExperiment p : runnable) { // for augur chaos run, which runs every gate again
        o.println("wrote " + PlanFile.writeTo(out.resolve(PLANS_DIR), p));
      }
    }
    o.printf("%n%d planned, %d approved%n", decisions.size(), approved.size());
    return 0;
  }

  private SafetyPolicy policy(List<FailurePrediction> predictions) {
    Set<String> allowed = new HashSet<>(List.of(namespace));
    if (source.demo && policyOptions.allowNamespaces == null) {
      allowed.addAll(
          predictions.stream()
              .map(p -> p.componentLabels().get("namespace"))
              .filter(n -> n != null)
              .toList());
    }
    return policyOptions.policy(allowed, metrics.config());
  }

  private void writeManifests(PrintWriter o, List<ApprovedPlan> approved, SafetyPolicy policy) {
    WorkflowOptions wo =
        new WorkflowOptions(
            tasksPrometheus,
            WorkflowOptions.DEFAULT.healthUrlTemplate(),
            WorkflowOptions.DEFAULT.taskImage(),
            WorkflowOptions.DEFAULT.baselineSeconds(),
            WorkflowOptions.DEFAULT.recoverySeconds());
    ChaosMeshManifests mesh = new ChaosMeshManifests(wo);
    List<Path> files = new ArrayList<>();
    for (ApprovedPlan a : approved) {
      files.add(ManifestWriter.write(out, mesh.chaos(a)));
      if (cron != null) {
        files.add(ManifestWriter.write(out, mesh.schedule(a, cron)));
      }
      if (litmus) {
        new LitmusManifests()
            .chaosEngine(a)
            .map(e -> ManifestWriter.write(out, e))
            .ifPresent(files::add);
      }
    }
    List<String> queries = policy.abortConditions().stream().map(AbortCondition::promql).toList();
    String suite = "augur-suite-" + (approved.get(0).approvedAtMs() / 1000);
    files.add(ManifestWriter.write(out, mesh.workflow(suite, approved, queries)));
    if (cron != null) {
      files.add(ManifestWriter.write(out, mesh.scheduleWorkflow(suite, approved, queries, cron)));
    }
    o.println();
    files.forEach(f -> o.println("wrote " + f));
  }

  private static void printRanking(PrintWriter o, List<RankedTarget> ranked) {
    o.printf(
        "%-4s %-32s %7s %6s %6s %6s %6s %-22s%n",
        "rank", "component", "score", "p", "U", "R", "B", "failure mode");
    for (int i = 0; i < Math.min(10, ranked.size()); i++) {
      RankedTarget t = ranked.get(i);
      o.printf(
          Locale.ROOT,
          "%-4d %-32s %7.4f %6.3f %6.3f %6.3f %6.3f %-22s%n",
          i + 1,
          t.component(),
          t.score(),
          t.prediction().probability(),
          t.uncertainty(),
          t.recencyFactor(),
          t.blastFactor(),
          t.prediction().failureMode());
    }
  }
}
