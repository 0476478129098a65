package io.augur.chaos.exec.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.augur.chaos.Fixtures;
import io.augur.chaos.TestPlans;
import io.augur.chaos.catalogue.ExperimentType;
import io.augur.chaos.exec.FaultException;
import io.augur.chaos.exec.FaultJournal;
import io.augur.chaos.exec.FaultStatus;
import io.augur.chaos.exec.FaultStatus.State;
import io.augur.chaos.exec.InjectedFault;
import io.augur.chaos.exec.k8s.KubernetesOptions.Flavour;
import io.augur.chaos.manifest.ChaosMeshManifests;
import io.augur.chaos.manifest.CrdSchemas;
import io.augur.chaos.manifest.WorkflowOptions;
import io.augur.chaos.safety.ApprovedPlan;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Kubernetes executor against fabric8's mock API server in CRUD mode (no cluster can run here).
 */
class KubernetesExecutorMockServerTest {
  private static final String NS = "prod";

  @TempDir Path dir;
  private MockApiServer api;
  private FaultJournal journal;
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private final List<KubernetesExecutor> executors = new ArrayList<>();

  @BeforeEach
  void start() {
    api = new MockApiServer();
    journal = new FaultJournal(dir.resolve("journal"));
  }

  @AfterEach
  void stop() {
    executors.forEach(KubernetesExecutor::close);
    api.close();
  }

  private KubernetesExecutor executor(KubernetesOptions options) {
    KubernetesExecutor e =
        new KubernetesExecutor(
            api.client, options, new Fixtures.MutableClock(Fixtures.T0), sleeps::add);
    executors.add(e);
    return e;
  }

  private KubernetesExecutor applying() {
    return executor(KubernetesOptions.defaults().withApply(true));
  }

  private GenericKubernetesResource stored(ChaosResourceKind kind, String name) {
    return api.client
        .genericKubernetesResources(kind.context())
        .inNamespace(NS)
        .withName(name)
        .get();
  }

  private GenericKubernetesResource stored(InjectedFault f) {
    ResourceRef ref = ResourceRef.of(f);
    return api.client
        .genericKubernetesResources(ref.kind().context())
        .inNamespace(ref.namespace())
        .withName(ref.name())
        .get();
  }

  private JsonNode json(GenericKubernetesResource r) {
    return api.client.getKubernetesSerialization().convertValue(r, JsonNode.class);
  }

  private static void assertSchemaValid(String crd, JsonNode resource) {
    assumeTrue(CrdSchemas.available(), "CRD schemas missing under " + CrdSchemas.root());
    assertEquals(List.of(), CrdSchemas.validate(crd, resource), crd + " rejects " + resource);
  }

  @ParameterizedTest
  @EnumSource(ExperimentType.class)
  void shouldCreateTheRenderedChaosMeshResourceWithAugurLabelsOnTheMockServer(ExperimentType type) {
    ApprovedPlan plan = TestPlans.approved(type);
    List<List<InjectedFault>> journalAtCreate = new CopyOnWriteArrayList<>();
    api.onCreate(r -> journalAtCreate.add(journal.read().faults()));

    InjectedFault f = applying().inject(plan, journal);

    ObjectNode expected = new ChaosMeshManifests(WorkflowOptions.DEFAULT).chaos(plan);
    String name = expected.path("metadata").path("name").asText();
    GenericKubernetesResource r = stored(ChaosResourceKind.of(type.kind()), name);
    assertNotNull(r, type.kind().kind() + " " + NS + "/" + name + " was not created");
    assertEquals("augur", r.getMetadata().getLabels().get("app.kubernetes.io/managed-by"));
    assertEquals(
        plan.planned().plan().id(), r.getMetadata().getLabels().get("augur.io/experiment"));
    assertEquals(f.id(), r.getMetadata().getAnnotations().get("augur.io/fault-id"));
    assertEquals(
        expected.get("spec"), json(r).get("spec"), "the stored spec is what the manifests render");
    assertSchemaValid("chaos-mesh/" + type.kind().crdFile(), json(r));

    assertEquals(
        Map.of(
            "apiVersion",
            "chaos-mesh.org/v1alpha1",
            "kind",
            type.kind().kind(),
            "namespace",
            NS,
            "name",
            name,
            "mode",
            "apply"),
        f.handle());
    assertEquals(1, journalAtCreate.size(), "one create request");
    assertEquals(
        List.of(f),
        journalAtCreate.get(0),
        "the fault was journalled before the create reached the server");
    assertEquals(List.of(f), journal.of(KubernetesExecutor.NAME));
  }

  @Test
  void shouldCreateAWorkflowOrALitmusChaosEngineWhenThatFlavourIsChosen() {
    ApprovedPlan plan = TestPlans.approved(ExperimentType.LATENCY_INJECTION);
    InjectedFault wf =
        executor(KubernetesOptions.defaults().withApply(true).withFlavour(Flavour.WORKFLOW))
            .inject(plan, journal);
    assertEquals("Workflow", wf.require("kind"));
    GenericKubernetesResource w = stored(wf);
    assertNotNull(w);
    assertEquals(
        plan.planned().plan().id(), w.getMetadata().getLabels().get("augur.io/experiment"));
    assertSchemaValid("chaos-mesh/chaos-mesh.org_workflows.yaml", json(w));

    KubernetesExecutor litmus =
        executor(KubernetesOptions.defaults().withApply(true).withFlavour(Flavour.LITMUS));
    InjectedFault engine = litmus.inject(TestPlans.approved(ExperimentType.POD_KILL), journal);
    assertEquals("ChaosEngine", engine.require("kind"));
    assertEquals("litmuschaos.io/v1alpha1", engine.require("apiVersion"));
    GenericKubernetesResource e = stored(engine);
    assertEquals(
        "pod-delete", json(e).path("spec").path("experiments").path(0).path("name").asText());
    assertEquals("augur", e.getMetadata().getLabels().get("app.kubernetes.io/managed-by"));
    assertSchemaValid("litmus/chaosengine_crd.yaml", json(e));

    InjectedFault noLitmus =
        litmus.inject(TestPlans.approved(ExperimentType.DATA_CORRUPTION), journal);
    assertEquals(
        "IOChaos",
        noLitmus.require("kind"),
        "Litmus has no data-corruption experiment: Chaos Mesh's is used");
    assertNotNull(stored(noLitmus));
  }

  @Test
  void shouldOnlyDryRunByDefaultAndCreateNothing() {
    KubernetesExecutor dry = executor(KubernetesOptions.defaults());
    ApprovedPlan plan = TestPlans.approved(ExperimentType.POD_KILL);

    InjectedFault f = dry.inject(plan, journal);

    assertTrue(
        api.requests.stream()
            .anyMatch(
                r -> r.startsWith("POST ") && r.contains("/podchaos") && r.contains("dryRun=All")),
        "the create went to the API server as a dry-run: " + api.requests);
    assertEquals(
        List.of(),
        api.client
            .genericKubernetesResources(ChaosResourceKind.POD_CHAOS.context())
            .inNamespace(NS)
            .list()
            .getItems(),
        "a dry-run stores nothing");
    FaultStatus s = dry.status(f);
    assertEquals(State.ACTIVE, s.state());
    assertEquals("dry-run: would create PodChaos prod/" + f.require("name"), s.detail());
    assertTrue(dry.verifyReverted(f));
    dry.revert(f, journal);
    assertEquals(List.of(), journal.read().faults());
    assertFalse(
        api.requests.stream().anyMatch(r -> r.startsWith("DELETE ")),
        "a dry-run revert deletes nothing");
  }

  @Test
  void shouldMapTheConditionsOnTheStoredResourceToPendingActiveAndEnded() {
    KubernetesExecutor k8s = applying();
    InjectedFault f = k8s.inject(TestPlans.approved(ExperimentType.NETWORK_PARTITION), journal);
    assertEquals(State.PENDING, k8s.status(f).state(), k8s.status(f).detail());

    setStatus(
        f,
        Map.of(
            "conditions",
            List.of(
                cond("Selected", "True"),
                cond("AllInjected", "True"),
                cond("AllRecovered", "False"),
                cond("Paused", "False")),
            "experiment",
            Map.of("desiredPhase", "Run")));
    FaultStatus active = k8s.status(f);
    assertEquals(State.ACTIVE, active.state(), active.detail());
    assertTrue(active.detail().contains("AllInjected=True"), active.detail());

    setStatus(
        f,
        Map.of(
            "conditions",
            List.of(cond("Paused", "True")),
            "experiment",
            Map.of("desiredPhase", "Stop")));
    assertEquals(State.PENDING, k8s.status(f).state());

    setStatus(
        f,
        Map.of(
            "conditions",
            List.of(
                cond("Selected", "True"),
                cond("AllInjected", "True"),
                cond("AllRecovered", "False")),
            "experiment",
            Map.of(
                "desiredPhase",
                "Run",
                "containerRecords",
                List.of(
                    Map.of(
                        "id",
                        "prod/checkout-0",
                        "events",
                        List.of(
                            Map.of(
                                "type",
                                "Failed",
                                "operation",
                                "Apply",
                                "message",
                                "no such container")))))));
    FaultStatus failed = k8s.status(f);
    assertEquals(State.FAILED, failed.state());
    assertTrue(failed.detail().contains("no such container"), failed.detail());

    setStatus(
        f,
        Map.of(
            "conditions",
            List.of(
                cond("Selected", "True"),
                cond("AllInjected", "False"),
                cond("AllRecovered", "True")),
            "experiment",
            Map.of("desiredPhase", "Stop")));
    assertEquals(State.ENDED, k8s.status(f).state(), k8s.status(f).detail());
  }

  @Test
  void shouldMapWorkflowConditionsAndLitmusEngineStatus() {
    InjectedFault wf =
        executor(KubernetesOptions.defaults().withApply(true).withFlavour(Flavour.WORKFLOW))
            .inject(TestPlans.approved(ExperimentType.CPU_SPIKE), journal);
    KubernetesExecutor k8s = applying();
    setStatus(
        wf,
        Map.of("conditions", List.of(cond("Scheduled", "True"), cond("Accomplished", "False"))));
    assertEquals(State.ACTIVE, k8s.status(wf).state(), k8s.status(wf).detail());
    setStatus(
        wf, Map.of("conditions", List.of(cond("Scheduled", "True"), cond("Accomplished", "True"))));
    assertEquals(State.ENDED, k8s.status(wf).state());

    InjectedFault engine =
        executor(KubernetesOptions.defaults().withApply(true).withFlavour(Flavour.LITMUS))
            .inject(TestPlans.approved(ExperimentType.POD_KILL), journal);
    assertEquals(State.PENDING, k8s.status(engine).state());
    setStatus(
        engine,
        Map.of(
            "engineStatus",
            "initialized",
            "experiments",
            List.of(Map.of("name", "pod-delete", "status", "Running", "verdict", "Awaited"))));
    assertEquals(State.ACTIVE, k8s.status(engine).state());
    setStatus(
        engine,
        Map.of(
            "engineStatus",
            "completed",
            "experiments",
            List.of(Map.of("name", "pod-delete", "status", "Completed", "verdict", "Pass"))));
    assertEquals(State.ENDED, k8s.status(engine).state());
  }

  @Test
  void shouldDeleteOnRevertSoThatVerifyRevertedSeesNotFound() {
    KubernetesExecutor k8s = applying();
    InjectedFault f = k8s.inject(TestPlans.approved(ExperimentType.MEMORY_STRESS), journal);
    assertFalse(k8s.verifyReverted(f), "created, so not reverted yet");

    k8s.revert(f, journal);

    assertNull(stored(f));
    assertTrue(k8s.verifyReverted(f));
    assertEquals(State.ENDED, k8s.status(f).state());
    assertEquals(List.of(), journal.read().faults());
    k8s.revert(f, journal); // idempotent
  }

  @Test
  void shouldStillRevertOnAnInterruptedThreadAndLeaveTheFlagSet() {
    KubernetesExecutor k8s = applying();
    InjectedFault f = k8s.inject(TestPlans.approved(ExperimentType.CERTIFICATE_EXPIRY), journal);
    Thread.currentThread().interrupt(); // as after SIGTERM
    try {
      k8s.revert(f, journal);
      assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is kept for the caller");
    } finally {
      Thread.interrupted();
    }
    assertNull(stored(f));
    assertEquals(List.of(), journal.read().faults());
  }

  @Test
  void shouldStillRecogniseItsResourceByItsLabelsWhenTheFaultAnnotationWasRemoved() {
    KubernetesExecutor k8s = applying();
    InjectedFault f = k8s.inject(TestPlans.approved(ExperimentType.DISK_FAULT), journal);
    GenericKubernetesResource r = stored(f);
    r.getMetadata().getAnnotations().remove("augur.io/fault-id");
    api.client.resource(r).update();
    assertEquals(State.PENDING, k8s.status(f).state(), k8s.status(f).detail());

    k8s.revert(f, journal);

    assertNull(stored(f));
    assertEquals(List.of(), journal.read().faults());
  }

  @Test
  void shouldTreatARevertOfAnAlreadyDeletedResourceAsDone() {
    KubernetesExecutor k8s = applying();
    InjectedFault f = k8s.inject(TestPlans.approved(ExperimentType.DNS_FAILURE), journal);
    ResourceRef ref = ResourceRef.of(f);
    api.client
        .genericKubernetesResources(ref.kind().context())
        .inNamespace(NS)
        .withName(ref.name())
        .delete();

    k8s.revert(f, journal);

    assertEquals(List.of(), journal.read().faults());
    assertTrue(k8s.verifyReverted(f));
  }

  @Test
  void shouldRevertFromTheJournalWithAFreshExecutorAndClient() {
    InjectedFault f =
        applying().inject(TestPlans.approved(ExperimentType.LATENCY_INJECTION), journal);
    assertNotNull(stored(f));

    try (var client = api.newClient();
        KubernetesExecutor fresh =
            new KubernetesExecutor(
                client,
                KubernetesOptions.defaults(),
                new Fixtures.MutableClock(Fixtures.T0),
                sleeps::add)) {
      List<InjectedFault> left = new FaultJournal(journal.dir()).of(KubernetesExecutor.NAME);
      assertEquals(List.of(f), left);
      fresh.revert(
          left.get(0),
          journal); // a dry-run executor still deletes what the journal says was applied
      assertTrue(fresh.verifyReverted(left.get(0)));
    }
    assertNull(stored(f));
    assertEquals(List.of(), journal.read().faults());
  }

  @Test
  void shouldKeepTheJournalEntryWhileAFinalizerHoldsTheResourceAndFinishOnceItIsReleased() {
    KubernetesExecutor k8s =
        executor(
            KubernetesOptions.defaults()
                .withApply(true)
                .withDeleteWait(Duration.ofSeconds(1), Duration.ofMillis(250)));
    InjectedFault f = k8s.inject(TestPlans.approved(ExperimentType.POD_FAILURE), journal);
    GenericKubernetesResource r = stored(f);
    r.getMetadata().setFinalizers(List.of("chaos-mesh/records"));
    api.client.resource(r).update();

    FaultException e = assertThrows(FaultException.class, () -> k8s.revert(f, journal));
    assertTrue(
        e.getMessage().contains("PodChaos prod/" + f.require("name"))
            && e.getMessage().contains("chaos-mesh/records"),
        e.getMessage());
    assertEquals(List.of(f), journal.read().faults(), "the entry stays while the resource exists");
    assertEquals(
        List.of(
            Duration.ofMillis(250),
            Duration.ofMillis(250),
            Duration.ofMillis(250),
            Duration.ofMillis(250)),
        sleeps,
        "a bounded wait: 1 s in steps of 250 ms");
    assertEquals(State.PENDING, k8s.status(f).state(), "being deleted");

    GenericKubernetesResource held = stored(f);
    held.getMetadata().setFinalizers(List.of()); // the controller recovered the pods and lets go
    api.client.resource(held).update();
    k8s.revert(f, journal);
    assertNull(stored(f));
    assertEquals(List.of(), journal.read().faults());
  }

  @Test
  void shouldRefuseNamespacesOutsideItsOwnAndNeverTouchKubeSystem() {
    KubernetesExecutor stagingOnly =
        executor(KubernetesOptions.defaults().withApply(true).withNamespaces(Set.of("staging")));
    ApprovedPlan prodPlan = TestPlans.approved(ExperimentType.POD_KILL);
    assertTrue(
        stagingOnly.unsupported(prodPlan).orElseThrow().contains("not in namespace prod"),
        stagingOnly.unsupported(prodPlan).toString());
    FaultException refused =
        assertThrows(FaultException.class, () -> stagingOnly.inject(prodPlan, journal));
    assertTrue(refused.getMessage().contains("prod"), refused.getMessage());
    assertEquals(List.of(), journal.read().faults(), "nothing journalled");
    assertFalse(
        api.requests.stream().anyMatch(r -> r.startsWith("POST ")),
        "nothing sent: " + api.requests);
    assertThrows(
        IllegalArgumentException.class,
        () -> KubernetesOptions.defaults().withNamespaces(Set.of("kube-system")));

    // a journal entry naming kube-system (written by hand: the gates never approve one)
    GenericKubernetesResource sys =
        new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder()
            .withApiVersion("chaos-mesh.org/v1alpha1")
            .withKind("PodChaos")
            .withNewMetadata()
            .withName("augur-x")
            .withNamespace("kube-system")
            .addToLabels("app.kubernetes.io/managed-by", "augur")
            .addToAnnotations("augur.io/fault-id", "p1-kubernetes-podchaos")
            .endMetadata()
            .build();
    api.client
        .genericKubernetesResources(ChaosResourceKind.POD_CHAOS.context())
        .inNamespace("kube-system")
        .resource(sys)
        .create();
    InjectedFault forged =
        new InjectedFault(
            "p1-kubernetes-podchaos",
            "kubernetes",
            "p1",
            "coredns",
            "pod-kill",
            Map.of(
                "apiVersion",
                "chaos-mesh.org/v1alpha1",
                "kind",
                "PodChaos",
                "namespace",
                "kube-system",
                "name",
                "augur-x",
                "mode",
                "apply"),
            0);
    journal.record(forged);
    KubernetesExecutor k8s = applying();
    FaultException e = assertThrows(FaultException.class, () -> k8s.revert(forged, journal));
    assertTrue(e.getMessage().contains("kube-*"), e.getMessage());
    assertEquals(State.UNKNOWN, k8s.status(forged).state());
    assertFalse(k8s.verifyReverted(forged));
    KubernetesReaper.Result reaped =
        new KubernetesReaper(k8s).reap(List.of("kube-system"), Set.of(), journal);
    assertTrue(
        reaped.problems().stream().anyMatch(p -> p.contains("kube-system")), reaped.toString());
    assertEquals(List.of(), reaped.removed());
    assertNotNull(
        api.client
            .genericKubernetesResources(ChaosResourceKind.POD_CHAOS.context())
            .inNamespace("kube-system")
            .withName("augur-x")
            .get(),
        "kube-system is never touched");
    assertEquals(List.of(forged), journal.read().faults());
  }

  @Test
  void shouldLeaveAForeignResourceOfTheSameNameAloneAndSaySoWithTheHttpStatus() {
    ApprovedPlan plan = TestPlans.approved(ExperimentType.POD_KILL);
    String name =
        new ChaosMeshManifests(WorkflowOptions.DEFAULT)
            .chaos(plan)
            .path("metadata")
            .path("name")
            .asText();
    GenericKubernetesResource foreign =
        new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder()
            .withApiVersion("chaos-mesh.org/v1alpha1")
            .withKind("PodChaos")
            .withNewMetadata()
            .withName(name)
            .withNamespace(NS)
            .endMetadata()
            .build();
    api.client
        .genericKubernetesResources(ChaosResourceKind.POD_CHAOS.context())
        .inNamespace(NS)
        .resource(foreign)
        .create();

    FaultException e = assertThrows(FaultException.class, () -> applying().inject(plan, journal));

    assertTrue(
        e.getMessage().contains("create PodChaos prod/" + name)
            && e.getMessage().contains("HTTP 409"),
        e.getMessage());
    assertNotNull(stored(ChaosResourceKind.POD_CHAOS, name), "the foreign resource stays");
    assertNull(
        KubernetesExecutor.annotation(
            stored(ChaosResourceKind.POD_CHAOS, name), "augur.io/fault-id"),
        "and is not made ours");
    assertEquals(List.of(), journal.read().faults());
  }

  @Test
  void shouldRetryTransientStatusesAndFailAtOnceOnOthersNamingTheHttpStatus() {
    KubernetesExecutor k8s = applying();
    api.failNext(2, 503);
    InjectedFault f = k8s.inject(TestPlans.approved(ExperimentType.AUTH_FAILURE), journal);
    assertNotNull(stored(f), "created on the third attempt");
    assertEquals(
        List.of(Duration.ofMillis(200), Duration.ofMillis(400)),
        sleeps,
        "two retries with backoff");

    sleeps.clear();
    api.failNext(1, 403);
    FaultStatus forbidden = k8s.status(f);
    assertEquals(State.UNKNOWN, forbidden.state());
    assertTrue(
        forbidden.detail().contains("read HTTPChaos prod/" + f.require("name"))
            && forbidden.detail().contains("HTTP 403"),
        forbidden.detail());
    assertEquals(List.of(), sleeps, "403 is not retried");

    api.failNext(1, 500);
    k8s.revert(f, journal);
    assertNull(stored(f));
    assertEquals(List.of(), journal.read().faults());
  }

  @Test
  void shouldReportUnknownAndKeepTheJournalEntryWhenTheApiServerIsDown() {
    KubernetesExecutor k8s = applying();
    InjectedFault f = k8s.inject(TestPlans.approved(ExperimentType.BANDWIDTH_LIMIT), journal);
    api.stop();

    FaultStatus s = k8s.status(f);
    assertEquals(State.UNKNOWN, s.state());
    assertTrue(
        s.detail().contains("unreachable")
            && s.detail().contains("NetworkChaos prod/" + f.require("name")),
        s.detail());
    // which connection error a stopped server gives (refused, reset, closed) varies with timing;
    // the backoff of the
    // retryable ones is KubeCallsTest's: here, whatever retries happened doubled from 200 ms
    List<Duration> backoff =
        List.of(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800));
    assertEquals(
        backoff.subList(0, Math.min(sleeps.size(), 3)),
        sleeps.subList(0, Math.min(sleeps.size(), 3)));
    FaultException e = assertThrows(FaultException.class, () -> k8s.revert(f, journal));
    assertTrue(e.getMessage().contains("NetworkChaos prod/" + f.require("name")), e.getMessage());
    assertFalse(k8s.verifyReverted(f), "cannot be verified while the API server is down");
    assertEquals(List.of(f), journal.read().faults(), "the entry stays for the next start");
  }

  private void setStatus(InjectedFault f, Map<String, Object> status) {
    GenericKubernetesResource r = stored(f);
    r.setAdditionalProperty("status", status);
    var op =
        api.client
            .genericKubernetesResources(ResourceRef.of(f).kind().context())
            .inNamespace(NS)
            .resource(r);
    if (ResourceRef.of(f).kind() == ChaosResourceKind.WORKFLOW) {
      op.updateStatus();
    } else {
      op.update();
    }
  }

  private static Map<String, String> cond(String type, String status) {
    return Map.of("type", type, "status", status);
  }
}
