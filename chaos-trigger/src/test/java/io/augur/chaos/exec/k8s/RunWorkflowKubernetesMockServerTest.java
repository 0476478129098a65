package io.augur.chaos.exec.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.chaos.catalogue.ExperimentType;
import io.augur.chaos.cli.ChaosCommand;
import io.augur.chaos.cli.RunFixtures;
import io.augur.chaos.cli.WorkflowFixtures;
import io.augur.chaos.exec.FaultJournal;
import io.augur.chaos.exec.InjectedFault;
import io.augur.chaos.loop.OutcomeLog;
import io.augur.chaos.manifest.ChaosMeshManifests;
import io.augur.domain.ExperimentOutcome;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code augur chaos run WORKFLOW.yaml --executor kubernetes} against fabric8's mock API server in
 * CRUD mode (no Kubernetes API server can run here), found through a kubeconfig: the planner's
 * Workflow is dry-run without {@code --apply}; with it, it is created labelled, its status watched
 * (Accomplished ends the run, Aborted by its status check aborts it), deleted at the end and
 * recorded; a Workflow left by a crashed run is deleted by the reaper on the next start.
 */
class RunWorkflowKubernetesMockServerTest {
  static final String NS = RunFixtures.NAMESPACE;
  @TempDir Path dir;
  private MockApiServer api;
  private AutoCloseable kubeconfig;

  @BeforeEach
  void start() throws Exception {
    api = new MockApiServer();
    kubeconfig = api.useKubeconfig(dir, NS);
  }

  @AfterEach
  void stop() throws Exception {
    kubeconfig.close();
    api.close();
  }

  private record Run(int code, String out) {}

  private Path workflow() throws Exception {
    return WorkflowFixtures.workflow(
        dir,
        "suite",
        List.of(
            RunFixtures.plan("wf-pod-kill-cart-1", ExperimentType.POD_KILL, "cart", 30, Map.of()),
            RunFixtures.plan(
                "wf-cpu-spike-shop-1", ExperimentType.CPU_SPIKE, "shop", 30, Map.of())));
  }

  private Run run(Path file, String... extra) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                file.toString(),
                "--executor",
                "kubernetes",
                "--metrics-file",
                RunFixtures.healthyMetrics(dir).toString(),
                "--allow-namespace",
                NS,
                "--critical-window",
                "any",
                "--watch-interval",
                "200ms",
                "--timeout",
                "20s",
                "--journal",
                dir.resolve("journal").toString(),
                "--outcomes",
                dir.resolve("outcomes.jsonl").toString(),
                "--fail-on-violation"));
    args.addAll(List.of(extra));
    StringWriter out = new StringWriter();
    CommandLine cmd = new CommandLine(new ChaosCommand());
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(out, true));
    return new Run(cmd.execute(args.toArray(String[]::new)), out.toString());
  }

  private List<GenericKubernetesResource> stored() {
    return api.client
        .genericKubernetesResources(ChaosResourceKind.WORKFLOW.context())
        .inNamespace(NS)
        .list()
        .getItems();
  }

  /**
   * Waits for the run to create the Workflow, keeps a copy, then gives it {@code condition}=True.
   */
  private CompletableFuture<GenericKubernetesResource> answerWith(String condition) {
    return CompletableFuture.supplyAsync(
        () -> {
          long until = System.currentTimeMillis() + 15_000;
          while (System.currentTimeMillis() < until) {
            List<GenericKubernetesResource> items = stored();
            if (!items.isEmpty()) {
              GenericKubernetesResource r = items.get(0);
              GenericKubernetesResource seen = api.client.getKubernetesSerialization().clone(r);
              r.setAdditionalProperty(
                  "status",
                  Map.of(
                      "conditions",
                      List.of(
                          Map.of("type", "Scheduled", "status", "True"),
                          Map.of("type", condition, "status", "True"))));
              api.client
                  .genericKubernetesResources(ChaosResourceKind.WORKFLOW.context())
                  .inNamespace(NS)
                  .resource(r)
                  .updateStatus();
              return seen;
            }
            try {
              Thread.sleep(50);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return null;
            }
          }
          return null;
        });
  }

  private List<String> workflowWrites() {
    return api.requests.stream()
        .filter(r -> r.contains("/workflows") && !r.startsWith("GET"))
        .toList();
  }

  @Test
  void shouldOnlyDryRunTheWorkflowWithoutApply() throws Exception {
    Run r = run(workflow());
    assertEquals(0, r.code(), r.out());
    assertTrue(r.out().contains("executor kubernetes (dry run: no --apply)"), r.out());
    assertTrue(
        r.out().contains("dry-run: the API server accepted Workflow " + NS + "/suite"), r.out());
    List<String> writes = workflowWrites();
    assertTrue(
        !writes.isEmpty()
            && writes.stream().allMatch(w -> w.startsWith("POST") && w.contains("dryRun=All")),
        "only dry-run creates: " + writes);
    assertTrue(stored().isEmpty(), "nothing stored");
  }

  @Test
  void shouldCreateTheWorkflowLabelledWatchItUntilAccomplishedThenDeleteItAndRecordEveryTarget()
      throws Exception {
    Path wf = workflow();
    CompletableFuture<GenericKubernetesResource> created = answerWith("Accomplished");
    Run r = run(wf, "--apply");
    GenericKubernetesResource seen = created.get(20, TimeUnit.SECONDS);
    assertEquals(0, r.code(), r.out());
    assertTrue(seen != null, "the Workflow was created: " + r.out());
    Map<String, String> labels = seen.getMetadata().getLabels();
    assertEquals(
        KubernetesExecutor.MANAGER, labels.get(KubernetesExecutor.MANAGED_BY), labels.toString());
    assertEquals(
        "wf-pod-kill-cart-1", labels.get(KubernetesExecutor.EXPERIMENT), labels.toString());
    assertEquals(
        "wf-pod-kill-cart-1-kubernetes-workflow",
        seen.getMetadata().getAnnotations().get(KubernetesExecutor.FAULT_ID));
    assertTrue(
        seen.getMetadata().getAnnotations().containsKey(ChaosMeshManifests.PLANS_ANNOTATION));
    assertTrue(r.out().contains("ended by itself: accomplished"), r.out());
    assertTrue(
        workflowWrites().stream().anyMatch(w -> w.startsWith("DELETE")),
        workflowWrites().toString());
    assertTrue(stored().isEmpty(), "deleted at the end");
    assertTrue(
        r.out().contains("PASSED   wf-pod-kill-cart-1")
            && r.out().contains("PASSED   wf-cpu-spike-shop-1"),
        r.out());
    List<ExperimentOutcome> o = new OutcomeLog(dir.resolve("outcomes.jsonl")).read().outcomes();
    assertEquals(
        List.of("cart", "shop"), o.stream().map(ExperimentOutcome::target).toList(), o.toString());
    assertTrue(
        o.stream()
            .allMatch(
                x ->
                    x.planId().equals("wf-pod-kill-cart-1")
                        && x.status() == ExperimentOutcome.Status.PASSED),
        o.toString());
    assertEquals(List.of(), new FaultJournal(dir.resolve("journal")).read().faults());
  }

  @Test
  void shouldAbortAndDeleteAWorkflowItsStatusCheckAborted() throws Exception {
    CompletableFuture<GenericKubernetesResource> created = answerWith("Aborted");
    Run r = run(workflow(), "--apply");
    assertTrue(created.get(20, TimeUnit.SECONDS) != null, r.out());
    assertEquals(1, r.code(), r.out());
    assertTrue(r.out().contains("aborted by a status check"), r.out());
    assertTrue(stored().isEmpty(), "deleted on abort");
    List<ExperimentOutcome> o = new OutcomeLog(dir.resolve("outcomes.jsonl")).read().outcomes();
    assertEquals(2, o.size(), o.toString());
    assertTrue(
        o.stream().allMatch(x -> x.status() == ExperimentOutcome.Status.ABORTED), o.toString());
    assertEquals(List.of(), new FaultJournal(dir.resolve("journal")).read().faults());
  }

  @Test
  void shouldHaveTheReaperDeleteAWorkflowACrashedRunLeft() throws Exception {
    // what a runner killed while its Workflow ran leaves: the resource and its journal entry
    String id = "wf-old-1-kubernetes-workflow";
    var r = new GenericKubernetesResource();
    r.setApiVersion(ChaosResourceKind.WORKFLOW.apiVersion());
    r.setKind("Workflow");
    r.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
            .withName("old-suite")
            .withNamespace(NS)
            .withLabels(
                Map.of(
                    KubernetesExecutor.MANAGED_BY,
                    KubernetesExecutor.MANAGER,
                    KubernetesExecutor.EXPERIMENT,
                    "wf-old-1"))
            .withAnnotations(Map.of(KubernetesExecutor.FAULT_ID, id))
            .build());
    r.setAdditionalProperty("spec", Map.of("entry", "suite", "templates", List.of()));
    api.client
        .genericKubernetesResources(ChaosResourceKind.WORKFLOW.context())
        .inNamespace(NS)
        .resource(r)
        .create();
    Map<String, String> handle =
        new LinkedHashMap<>(new ResourceRef(ChaosResourceKind.WORKFLOW, NS, "old-suite").handle());
    handle.put(KubernetesExecutor.MODE, KubernetesExecutor.APPLY);
    new FaultJournal(dir.resolve("journal"))
        .record(
            new InjectedFault(
                id,
                KubernetesExecutor.NAME,
                "wf-old-1",
                "cart",
                "pod-kill",
                handle,
                1_764_000_000_000L));
    Run run =
        run(workflow()); // a dry run of another Workflow: the leftover goes first all the same
    assertEquals(0, run.code(), run.out());
    assertTrue(run.out().contains("reaper") && run.out().contains(id), run.out());
    assertTrue(stored().isEmpty(), "the leftover Workflow is deleted: " + stored());
    assertEquals(List.of(), new FaultJournal(dir.resolve("journal")).read().faults());
    List<ExperimentOutcome> o = new OutcomeLog(dir.resolve("outcomes.jsonl")).read().outcomes();
    assertTrue(
        o.stream()
            .anyMatch(
                x ->
                    x.planId().equals("wf-old-1")
                        && x.status() == ExperimentOutcome.Status.ABORTED),
        "the crashed run is recorded: " + o);
  }

  @Test
  void shouldLetTheApproversOfItsStepsStandForTheWholeWorkflowAndRefuseItWithoutThem()
      throws Exception {
    // the second step hits two more components: above the blast radius that runs without a person
    var base =
        RunFixtures.plan("wf-cpu-spike-shop-2", ExperimentType.CPU_SPIKE, "shop", 30, Map.of());
    var e = base.plan(); // and the planner marked it as needing a person: so does the Workflow as a
    // whole
    var marked =
        new io.augur.domain.ExperimentPlan(
            e.id(),
            e.targets(),
            e.namespace(),
            e.experimentType(),
            e.failureMode(),
            e.durationSeconds(),
            e.blastRadius(),
            e.successCriteria(),
            e.rollbackTriggers(),
            e.evidence(),
            true,
            e.createdAtMs());
    var wide =
        new io.augur.chaos.experiment.PlannedExperiment(
            marked, base.type(), base.selection(), base.rollout(), 2);
    Path wf =
        WorkflowFixtures.workflow(
            dir,
            "approved-suite",
            List.of(
                RunFixtures.plan(
                    "wf-pod-kill-cart-2", ExperimentType.POD_KILL, "cart", 30, Map.of()),
                wide));
    java.time.Clock clock = java.time.Clock.systemUTC();
    var queue =
        new io.augur.chaos.approval.ApprovalQueue(
            dir.resolve("queue"),
            io.augur.chaos.approval.Approvers.of(List.of("alice"), "test"),
            java.time.Duration.ofHours(1),
            clock);
    queue.submit(wide, List.of("blast radius 0.03 needs a person"));
    var policy =
        io.augur.chaos.safety.SafetyPolicy.defaults(java.util.Set.of(NS))
            .withWindows(List.of(), List.of());
    var metrics = healthy();
    queue.approve(
        wide.plan().id(),
        "alice",
        new io.augur.chaos.safety.SafetyGates(
            policy, new io.augur.chaos.safety.HealthGate(metrics), List.of(), clock));

    Run without = run(wf);
    assertEquals(1, without.code(), without.out());
    assertTrue(
        without.out().contains("REFUSED  wf-pod-kill-cart-2  not run: step wf-cpu-spike-shop-2"),
        without.out());
    assertTrue(workflowWrites().isEmpty(), "nothing sent, not even a dry run: " + workflowWrites());

    Run with = run(wf, "--queue", dir.resolve("queue").toString(), "--approver", "alice");
    assertEquals(0, with.code(), with.out());
    assertTrue(
        with.out().contains("PASSED   wf-pod-kill-cart-2")
            && with.out().contains("PASSED   wf-cpu-spike-shop-2"),
        with.out());
    // the whole run needs a person too (a step is marked so): it runs under the approval of that
    // step
    assertTrue(
        with.out().contains("runs as one Workflow resource under plan id wf-pod-kill-cart-2"),
        with.out());
  }

  private io.augur.chaos.prom.InMemoryMetricsSource healthy() {
    var m = new io.augur.chaos.prom.InMemoryMetricsSource();
    io.augur.chaos.config.ChaosConfig.defaults()
        .healthQueries()
        .forEach(q -> m.set(q.promql(), 0.0));
    return m;
  }
}
