package io.augur.chaos.cli;

import io.augur.chaos.exec.Approvals;
import io.augur.chaos.exec.Executor;
import io.augur.chaos.exec.ExperimentEngine;
import io.augur.chaos.exec.RunResult;
import io.augur.chaos.exec.k8s.KubernetesExecutor;
import io.augur.chaos.experiment.PlannedExperiment;
import io.augur.chaos.manifest.WorkflowFile;
import io.augur.domain.ExperimentPlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * {@code augur chaos run WORKFLOW.yaml}: a Chaos Mesh Workflow written by {@code augur chaos plan},
 * read and checked by {@link WorkflowFile}, run all or nothing. First every embedded plan goes
 * through the engine's PREFLIGHT ({@link ExperimentEngine#refusal}: every gate, approvals, the
 * executor); when one is refused, nothing of the Workflow is applied. Then:
 *
 * <ul>
 *   <li><b>kubernetes</b>: the Workflow itself is one engine run ({@link
 *       KubernetesExecutor#forWorkflow}): created (dry-run without {@code --apply}), labelled,
 *       journalled, watched, deleted at the end, on an abort condition, the timeout or a signal.
 *       The run is under the first step's plan id, gated again as a whole: the first plan with the
 *       targets and rollback triggers of every step, the largest blast radius, approval if any step
 *       needs one, and the Workflow's deadline budget as its duration (so the policy's longest
 *       fault bounds the whole Workflow); when that needs a person, the people who approved its
 *       steps stand for it. The outcome log gets one record per target of every step, under that
 *       plan id.
 *   <li><b>local</b>: the embedded plans run one after another in the Workflow's order, each a full
 *       engine run. Parallel branches run one after another too: local faults share one machine
 *       (signals, stress-ng, nftables, the proxy), and the engine watches and reverts one fault at
 *       a time. A step that does not pass stops the rest (its fault is reverted by its own run).
 * </ul>
 */
final class WorkflowRuns {
  private final RunConsole console;
  private final BooleanSupplier stopping;
  private final Approvals approvals;

  WorkflowRuns(RunConsole console, BooleanSupplier stopping, Approvals approvals) {
    this.console = console;
    this.stopping = stopping;
    this.approvals = approvals;
  }

  /** The results of the Workflow's plans (fewer than its plans when it stopped early). */
  List<RunResult> run(
      Path file,
      WorkflowFile wf,
      Executor ex,
      ExperimentEngine engine,
      Function<Executor, ExperimentEngine.Builder> engineWith) {
    String name = "workflow " + wf.namespace() + "/" + wf.name();
    List<String> ids = wf.plans().stream().map(p -> p.plan().id()).toList();
    console.line(
        name
            + " from "
            + file
            + ": "
            + ids.size()
            + " step(s) "
            + ids
            + ", deadline budget "
            + wf.budgetSeconds()
            + "s; gating every step before anything is applied");
    Map<String, String> refusals = new LinkedHashMap<>();
    for (PlannedExperiment p : wf.plans()) {
      Optional<String> why = engine.refusal(p);
      why.ifPresent(w -> refusals.put(p.plan().id(), w));
    }
    if (!refusals.isEmpty()) {
      List<RunResult> out = new ArrayList<>();
      String first = refusals.keySet().iterator().next();
      for (String id : ids) {
        String why =
            refusals.containsKey(id)
                ? refusals.get(id)
                : "not run: step "
                    + first
                    + " of "
                    + name
                    + " is refused, so nothing of it is applied";
        console.line(id + "  PREFLIGHT refused: " + why);
        out.add(new RunResult(id, RunResult.Verdict.REFUSED, why, List.of(), null, null, false));
      }
      return out;
    }
    return ex instanceof KubernetesExecutor k8s
        ? asOneResource(name, wf, k8s, engineWith)
        : oneAfterAnother(name, wf, engine);
  }

  private List<RunResult> oneAfterAnother(String name, WorkflowFile wf, ExperimentEngine engine) {
    List<RunResult> out = new ArrayList<>();
    for (PlannedExperiment p : wf.plans()) {
      if (stopping.getAsBoolean() || Thread.currentThread().isInterrupted()) {
        console.line(p.plan().id() + "  not run: stopping on signal");
        continue;
      }
      if (!out.isEmpty() && out.get(out.size() - 1).verdict() != RunResult.Verdict.PASSED) {
        RunResult last = out.get(out.size() - 1);
        console.line(
            p.plan().id()
                + "  not run: step "
                + last.experimentId()
                + " of "
                + name
                + " ended "
                + last.verdict());
        continue;
      }
      out.add(engine.run(p));
    }
    return out;
  }

  private List<RunResult> asOneResource(
      String name,
      WorkflowFile wf,
      KubernetesExecutor k8s,
      Function<Executor, ExperimentEngine.Builder> engineWith) {
    PlannedExperiment whole = asWhole(wf);
    String lead = whole.plan().id();
    List<RunResult> out = new ArrayList<>();
    if (stopping.getAsBoolean() || Thread.currentThread().isInterrupted()) {
      console.line(name + "  not run: stopping on signal");
      return out;
    }
    console.line(
        name
            + "  runs as one Workflow resource under plan id "
            + lead
            + " (targets "
            + whole.plan().targets()
            + ", "
            + whole.plan().durationSeconds()
            + "s)");
    try (KubernetesExecutor ex = k8s.forWorkflow(lead, wf.manifest())) {
      RunResult r =
          engineWith.apply(ex).approvals(joint(wf, lead)).endWhenFaultEnds(true).build().run(whole);
      out.add(r);
      for (PlannedExperiment p : wf.plans().subList(1, wf.plans().size())) {
        out.add(
            new RunResult(
                p.plan().id(),
                r.verdict(),
                "in "
                    + name
                    + " (run as plan "
                    + lead
                    + ")"
                    + (r.reason().isEmpty() ? "" : ": " + r.reason()),
                List.of(),
                r.breachAtMs(),
                r.revertedAtMs(),
                r.leftOver()));
      }
    }
    return out;
  }

  /**
   * The approvals of the whole: for the lead's id, the people who approved the steps that have an
   * approval in force (each step was already gated with its own); others as they are.
   */
  private Approvals joint(WorkflowFile wf, String lead) {
    return (id, now) -> {
      if (!id.equals(lead)) {
        return approvals.approver(id, now);
      }
      List<String> who =
          wf.plans().stream()
              .map(p -> approvals.approver(p.plan().id(), now))
              .flatMap(Optional::stream)
              .distinct()
              .toList();
      return who.isEmpty() ? Optional.empty() : Optional.of(String.join(",", who));
    };
  }

  /**
   * The plan the Workflow runs as: the first step's, with every step's targets and rollback
   * triggers, the largest blast radius, approval if any step needs it, and the Workflow's deadline
   * budget.
   */
  static PlannedExperiment asWhole(WorkflowFile wf) {
    PlannedExperiment first = wf.plans().get(0);
    ExperimentPlan e = first.plan();
    LinkedHashSet<String> targets = new LinkedHashSet<>();
    LinkedHashSet<String> triggers = new LinkedHashSet<>();
    LinkedHashSet<String> criteria = new LinkedHashSet<>();
    double blast = 0;
    boolean approval = false;
    for (PlannedExperiment p : wf.plans()) {
      targets.addAll(p.plan().targets());
      triggers.addAll(p.plan().rollbackTriggers());
      criteria.addAll(p.plan().successCriteria());
      blast = Math.max(blast, p.plan().blastRadius());
      approval |= p.plan().requiresApproval();
    }
    Map<String, String> evidence = new LinkedHashMap<>(e.evidence());
    evidence.put("workflow", wf.namespace() + "/" + wf.name());
    evidence.put(
        "workflowPlans", String.join(",", wf.plans().stream().map(p -> p.plan().id()).toList()));
    ExperimentPlan whole =
        new ExperimentPlan(
            e.id(),
            List.copyOf(targets),
            e.namespace(),
            e.experimentType(),
            e.failureMode(),
            Math.max(e.durationSeconds(), wf.budgetSeconds()),
            blast,
            List.copyOf(criteria),
            List.copyOf(triggers),
            evidence,
            approval,
            e.createdAtMs());
    return new PlannedExperiment(
        whole, first.type(), first.selection(), first.rollout(), first.affectedComponents());
  }
}
