package io.augur.chaos.exec.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.chaos.Fixtures;
import io.augur.chaos.TestPlans;
import io.augur.chaos.catalogue.ExperimentType;
import io.augur.chaos.exec.FaultJournal;
import io.augur.chaos.exec.InjectedFault;
import io.augur.chaos.exec.k8s.KubernetesOptions.Flavour;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reaper against fabric8's mock API server in CRUD mode: leftovers go, foreign and running
 * resources stay.
 */
class KubernetesReaperMockServerTest {
  @TempDir Path dir;
  private MockApiServer api;
  private FaultJournal journal;
  private KubernetesExecutor applying;

  @BeforeEach
  void start() {
    api = new MockApiServer();
    journal = new FaultJournal(dir.resolve("journal"));
    applying = executor(true, Flavour.CHAOS_MESH);
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private KubernetesExecutor executor(boolean apply, Flavour flavour) {
    return new KubernetesExecutor(
        api.client,
        KubernetesOptions.defaults().withApply(apply).withFlavour(flavour),
        new Fixtures.MutableClock(Fixtures.T0),
        d -> {});
  }

  private GenericKubernetesResource get(InjectedFault f) {
    ResourceRef r = ResourceRef.of(f);
    return api.client
        .genericKubernetesResources(r.kind().context())
        .inNamespace(r.namespace())
        .withName(r.name())
        .get();
  }

  private GenericKubernetesResource create(
      ChaosResourceKind kind, String ns, String name, boolean augurLabel) {
    GenericKubernetesResourceBuilder b =
        new GenericKubernetesResourceBuilder()
            .withApiVersion(kind.apiVersion())
            .withKind(kind.kind())
            .withNewMetadata()
            .withName(name)
            .withNamespace(ns)
            .addToLabels("app.kubernetes.io/managed-by", augurLabel ? "augur" : "someone-else")
            .endMetadata();
    return api.client
        .genericKubernetesResources(kind.context())
        .inNamespace(ns)
        .resource(b.build())
        .create();
  }

  @Test
  void shouldDeleteLeftoversWithTheAugurLabelAndLeaveForeignAndRunningResourcesAlone() {
    InjectedFault crashedUnjournalled =
        applying.inject(TestPlans.approved(ExperimentType.POD_KILL), journal);
    journal.remove(
        crashedUnjournalled
            .id()); // e.g. a runner on another machine, or a journal lost with its disk
    InjectedFault running =
        applying.inject(TestPlans.approved(ExperimentType.NETWORK_PARTITION), journal);
    InjectedFault crashedJournalled =
        applying.inject(TestPlans.approved(ExperimentType.CPU_SPIKE), journal);
    InjectedFault crashedEngine =
        executor(true, Flavour.LITMUS)
            .inject(TestPlans.approved(ExperimentType.DISK_FAULT), journal);
    journal.remove(crashedEngine.id());
    GenericKubernetesResource foreign =
        create(ChaosResourceKind.POD_CHAOS, "prod", "teams-own-podchaos", false);
    GenericKubernetesResource otherNs =
        create(ChaosResourceKind.POD_CHAOS, "staging", "augur-elsewhere", true);

    KubernetesReaper.Result r =
        new KubernetesReaper(applying)
            .reap(List.of("prod"), Set.of(running.experimentId()), journal);

    assertEquals(List.of(crashedJournalled.id()), r.reverted());
    assertEquals(
        Set.of(ResourceRef.of(crashedUnjournalled), ResourceRef.of(crashedEngine)),
        Set.copyOf(r.removed()));
    assertEquals(List.of(), r.problems());
    assertNull(get(crashedUnjournalled));
    assertNull(get(crashedJournalled));
    assertNull(get(crashedEngine));
    assertNotNull(get(running), "a running experiment's resource stays");
    assertNotNull(
        api.client
            .genericKubernetesResources(ChaosResourceKind.POD_CHAOS.context())
            .inNamespace("prod")
            .withName(foreign.getMetadata().getName())
            .get(),
        "a resource without the augur label stays");
    assertNotNull(
        api.client
            .genericKubernetesResources(ChaosResourceKind.POD_CHAOS.context())
            .inNamespace("staging")
            .withName(otherNs.getMetadata().getName())
            .get(),
        "namespaces not given are not swept");
    assertEquals(
        List.of(running), journal.read().faults(), "only the running experiment's entry is left");
  }

  @Test
  void shouldOnlyReportWhatItWouldDeleteWhenTheExecutorIsADryRun() {
    InjectedFault leftover = applying.inject(TestPlans.approved(ExperimentType.POD_KILL), journal);
    journal.remove(leftover.id());

    KubernetesReaper.Result r =
        new KubernetesReaper(executor(false, Flavour.CHAOS_MESH))
            .reap(List.of("prod"), Set.of(), journal);

    assertEquals(List.of(ResourceRef.of(leftover)), r.wouldRemove());
    assertEquals(List.of(), r.removed());
    assertNotNull(get(leftover));
    assertTrue(
        api.requests.stream().noneMatch(q -> q.startsWith("DELETE ")), api.requests.toString());
  }

  @Test
  void shouldReportTheApiServerFailingInsteadOfThrowing() {
    InjectedFault leftover = applying.inject(TestPlans.approved(ExperimentType.POD_KILL), journal);
    api.stop();

    KubernetesReaper.Result r =
        new KubernetesReaper(applying).reap(List.of("prod"), Set.of(), journal);

    assertEquals(List.of(), r.reverted());
    assertTrue(
        r.problems().stream().anyMatch(p -> p.contains(leftover.id()) && p.contains("unreachable")),
        r.problems().toString());
    assertTrue(
        r.problems().stream().anyMatch(p -> p.contains("list PodChaos in prod")),
        r.problems().toString());
    assertEquals(List.of(leftover), journal.read().faults());
  }
}
