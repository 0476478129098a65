package io.augur.chaos.exec.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.chaos.catalogue.ExperimentType;
import io.augur.chaos.cli.ChaosCommand;
import io.augur.chaos.cli.RunFixtures;
import io.augur.chaos.exec.FaultJournal;
import io.augur.chaos.loop.OutcomeLog;
import io.augur.domain.ExperimentOutcome;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code augur chaos run --executor kubernetes} end to end against fabric8's mock API server in
 * CRUD mode (no Kubernetes API server can run here), found through a kubeconfig: without {@code
 * --apply} only dry-run requests reach the API server; with it the PodChaos is created, watched and
 * deleted, and the outcome recorded.
 */
@org.junit.jupiter.api.Tag("slow") // ~25 s: four runs, each making a fabric8 client
class RunCommandKubernetesMockServerTest {
  static final String PLAN = "augur-pod-kill-cart-1";
  @TempDir Path dir;
  private MockApiServer api;
  private AutoCloseable kubeconfig;

  @BeforeEach
  void start() throws Exception {
    api = new MockApiServer();
    kubeconfig = api.useKubeconfig(dir, RunFixtures.NAMESPACE);
  }

  @AfterEach
  void stop() throws Exception {
    kubeconfig.close();
    api.close();
  }

  private record Run(int code, String out) {}

  private Run run(String... extra) throws Exception {
    Path plan =
        RunFixtures.planFile(
            dir, RunFixtures.plan(PLAN, ExperimentType.POD_KILL, "cart", 2, Map.of()));
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                plan.toString(),
                "--executor",
                "kubernetes",
                "--metrics-file",
                RunFixtures.healthyMetrics(dir).toString(),
                "--allow-namespace",
                RunFixtures.NAMESPACE,
                "--critical-window",
                "any",
                "--watch-interval",
                "200ms",
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
    int code = cmd.execute(args.toArray(String[]::new));
    return new Run(code, out.toString());
  }

  private List<String> podChaosWrites() {
    return api.requests.stream()
        .filter(r -> r.contains("/podchaos") && !r.startsWith("GET"))
        .toList();
  }

  @Test
  void shouldOnlyDryRunWithoutApply() throws Exception {
    Run r = run();
    assertEquals(0, r.code(), r.out());
    assertTrue(r.out().contains("executor kubernetes (dry run: no --apply)"), r.out());
    List<String> writes = podChaosWrites();
    assertTrue(
        !writes.isEmpty()
            && writes.stream()
                .filter(w -> w.startsWith("POST"))
                .allMatch(w -> w.contains("dryRun=All")),
        "every create is a dry run: " + writes);
    assertTrue(
        api.client
            .genericKubernetesResources(ChaosResourceKind.POD_CHAOS.context())
            .inNamespace(RunFixtures.NAMESPACE)
            .list()
            .getItems()
            .isEmpty(),
        "nothing stored");
  }

  @Test
  void shouldCreateWatchAndDeleteThePodChaosWithApply() throws Exception {
    Run r = run("--apply");
    assertEquals(0, r.code(), r.out());
    assertTrue(r.out().contains("PASSED   " + PLAN), r.out());
    List<String> writes = podChaosWrites();
    assertTrue(
        writes.stream().anyMatch(w -> w.startsWith("POST") && !w.contains("dryRun")),
        writes.toString());
    assertTrue(writes.stream().anyMatch(w -> w.startsWith("DELETE")), writes.toString());
    assertTrue(
        api.client
            .genericKubernetesResources(ChaosResourceKind.POD_CHAOS.context())
            .inNamespace(RunFixtures.NAMESPACE)
            .list()
            .getItems()
            .isEmpty(),
        "deleted at the end");
    List<ExperimentOutcome> o = new OutcomeLog(dir.resolve("outcomes.jsonl")).read().outcomes();
    assertEquals(1, o.size(), o.toString());
    assertEquals(ExperimentOutcome.Status.PASSED, o.get(0).status(), o.get(0).notes());
    assertEquals(List.of(), new FaultJournal(dir.resolve("journal")).read().faults());
  }

  private void podChaos(String name, Map<String, String> labels) {
    var r = new io.fabric8.kubernetes.api.model.GenericKubernetesResource();
    r.setApiVersion("chaos-mesh.org/" + ChaosResourceKind.VERSION);
    r.setKind("PodChaos");
    r.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
            .withName(name)
            .withNamespace(RunFixtures.NAMESPACE)
            .withLabels(labels)
            .build());
    r.setAdditionalProperty("spec", Map.of("action", "pod-kill", "mode", "one"));
    api.client
        .genericKubernetesResources(ChaosResourceKind.POD_CHAOS.context())
        .inNamespace(RunFixtures.NAMESPACE)
        .resource(r)
        .create();
  }

  private List<String> podChaosNames() {
    return api
        .client
        .genericKubernetesResources(ChaosResourceKind.POD_CHAOS.context())
        .inNamespace(RunFixtures.NAMESPACE)
        .list()
        .getItems()
        .stream()
        .map(r -> r.getMetadata().getName())
        .sorted()
        .toList();
  }

  @Test
  void shouldSweepOnlyAugurLabelledLeftoversWithReapClusterAndOnlyListThemInADryRun()
      throws Exception {
    // a crashed run on another runner: its resource is on the cluster, its journal is gone
    podChaos(
        "augur-old-run",
        Map.of(
            KubernetesExecutor.MANAGED_BY,
            KubernetesExecutor.MANAGER,
            KubernetesExecutor.EXPERIMENT,
            "augur-old-run"));
    podChaos("someone-elses", Map.of("app", "cart"));
    Run dry = run("--reap-cluster");
    assertTrue(
        dry.out().contains("would delete PodChaos " + RunFixtures.NAMESPACE + "/augur-old-run"),
        dry.out());
    assertEquals(
        List.of("augur-old-run", "someone-elses"), podChaosNames(), "a dry run deletes nothing");
    Run real = run("--reap-cluster", "--apply");
    assertEquals(0, real.code(), real.out());
    assertTrue(
        real.out().contains("reaper  deleted PodChaos " + RunFixtures.NAMESPACE + "/augur-old-run"),
        real.out());
    assertEquals(List.of("someone-elses"), podChaosNames(), "only what carries Augur's label");
  }
}
