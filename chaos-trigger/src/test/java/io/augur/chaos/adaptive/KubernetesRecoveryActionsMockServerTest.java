package io.augur.chaos.adaptive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Kubernetes recovery actions against fabric8's mock API server (CRUD mode, on 127.0.0.1). */
class KubernetesRecoveryActionsMockServerTest {
  private static final String NS = "shop";
  private final List<String> writes = new CopyOnWriteArrayList<>();
  private final java.util.concurrent.atomic.AtomicInteger failNext =
      new java.util.concurrent.atomic.AtomicInteger();
  private volatile int failCode;
  private KubernetesMockServer server;
  private KubernetesClient client;
  private KubernetesRecoveryActions actions;
  private String uid;

  @BeforeEach
  void setUp() throws Exception {
    java.util.logging.Logger.getLogger("io.fabric8.mockwebserver")
        .setLevel(java.util.logging.Level.WARNING);
    server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher() {
              @Override
              public MockResponse dispatch(RecordedRequest request) {
                if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                  return new MockResponse()
                      .setResponseCode(failCode)
                      .setBody(
                          "{\"kind\":\"Status\",\"apiVersion\":\"v1\","
                              + "\"status\":\"Failure\",\"code\":"
                              + failCode
                              + ",\"message\":\"injected by the test\"}");
                }
                if (!request.getMethod().equals("GET")) {
                  writes.add(request.getMethod() + " " + request.getPath().replaceAll("\\?.*", ""));
                }
                return super.dispatch(request);
              }
            },
            false);
    server.init(InetAddress.getByName("127.0.0.1"), 0);
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(server.url("/"))
            .withNamespace(NS)
            .withTrustCerts(true)
            .build();
    client = new KubernetesClientBuilder().withConfig(config).build();
    client
        .apps()
        .deployments()
        .inNamespace(NS)
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName("api")
                .endMetadata()
                .withNewSpec()
                .withReplicas(2)
                .withNewSelector()
                .addToMatchLabels("app", "api")
                .endSelector()
                .withTemplate(template("api:v2", "v2hash"))
                .endSpec()
                .build())
        .create();
    uid =
        client
            .apps()
            .deployments()
            .inNamespace(NS)
            .withName("api")
            .get()
            .getMetadata()
            .getUid(); // the server's
    replicaSet("api-v1", 1, template("api:v1", "v1hash"));
    replicaSet("api-v2", 2, template("api:v2", "v2hash"));
    pod("api-a", true);
    pod("api-b", false);
    client
        .services()
        .inNamespace(NS)
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName("api")
                .endMetadata()
                .withNewSpec()
                .addToSelector("app", "api")
                .endSpec()
                .build())
        .create();
    writes.clear();
    actions =
        new KubernetesRecoveryActions(
            client,
            Map.of(
                "api",
                new KubernetesRecoveryActions.Target("api", "api", Map.of("app", "api-standby"))));
  }

  private static PodTemplateSpec template(String image, String hash) {
    return new PodTemplateSpecBuilder()
        .withNewMetadata()
        .addToLabels("app", "api")
        .addToLabels("pod-template-hash", hash)
        .endMetadata()
        .withNewSpec()
        .withContainers(new ContainerBuilder().withName("api").withImage(image).build())
        .endSpec()
        .build();
  }

  private void replicaSet(String name, int revision, PodTemplateSpec t) {
    client
        .apps()
        .replicaSets()
        .inNamespace(NS)
        .resource(
            new ReplicaSetBuilder()
                .withNewMetadata()
                .withName(name)
                .addToAnnotations(KubernetesRecoveryActions.REVISION, Integer.toString(revision))
                .addNewOwnerReference()
                .withKind("Deployment")
                .withName("api")
                .withUid(uid)
                .withApiVersion("apps/v1")
                .endOwnerReference()
                .endMetadata()
                .withNewSpec()
                .withReplicas(revision == 2 ? 2 : 0)
                .withNewSelector()
                .addToMatchLabels("app", "api")
                .endSelector()
                .withTemplate(t)
                .endSpec()
                .build())
        .create();
  }

  private void pod(String name, boolean ready) {
    client
        .pods()
        .inNamespace(NS)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels("app", "api")
                .endMetadata()
                .withNewStatus()
                .addNewCondition()
                .withType("Ready")
                .withStatus(ready ? "True" : "False")
                .endCondition()
                .endStatus()
                .build())
        .create();
  }

  @AfterEach
  void tearDown() {
    client.close();
    server.destroy();
  }

  private static Failure failure() {
    return new Failure("a1", "process-crash", "api", NS, false, "alert", 0);
  }

  @Test
  void shouldListTheApiCallsInADryRunAndWriteNothing() {
    List<String> plan = actions.plan(Strategy.RESTART, failure());
    assertEquals(
        List.of(
            "DELETE /api/v1/namespaces/shop/pods/api-b (restart: its ReplicaSet starts a new pod)"),
        plan);
    assertTrue(
        actions
            .plan(Strategy.ROLLBACK, failure())
            .get(0)
            .startsWith("PATCH /apis/apps/v1/namespaces/shop/" + "deployments/api (pod template"));
    assertTrue(actions.plan(Strategy.SCALE_OUT, failure()).get(0).contains("replicas 2 -> 3"));
    assertTrue(actions.plan(Strategy.FAILOVER, failure()).get(0).contains("services/api"));
    assertEquals(List.of(), writes, "a dry run only reads");
    assertEquals(2, client.pods().inNamespace(NS).list().getItems().size());
  }

  @Test
  void shouldRestartByDeletingTheNotReadyPod() {
    actions.perform(Strategy.RESTART, failure());
    List<String> left =
        client.pods().inNamespace(NS).list().getItems().stream()
            .map(p -> p.getMetadata().getName())
            .toList();
    assertEquals(List.of("api-a"), left);
    assertEquals(List.of("DELETE /api/v1/namespaces/shop/pods/api-b"), writes);
  }

  @Test
  void shouldScaleOutTheDeploymentByOne() {
    actions.perform(Strategy.SCALE_OUT, failure());
    assertEquals(
        3,
        client.apps().deployments().inNamespace(NS).withName("api").get().getSpec().getReplicas());
  }

  @Test
  void shouldFailOverByPatchingTheServiceSelectorToTheStandby() {
    actions.perform(Strategy.FAILOVER, failure());
    assertEquals(
        Map.of("app", "api-standby"),
        client.services().inNamespace(NS).withName("api").get().getSpec().getSelector());
  }

  @Test
  void shouldRollBackToThePreviousReplicaSetsTemplate() {
    actions.perform(Strategy.ROLLBACK, failure());
    Deployment d = client.apps().deployments().inNamespace(NS).withName("api").get();
    assertEquals("api:v1", d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
    assertNull(d.getSpec().getTemplate().getMetadata().getLabels().get("pod-template-hash"));
    assertEquals("api", d.getSpec().getTemplate().getMetadata().getLabels().get("app"));
  }

  @Test
  void shouldNameWhatIsMissingWhenThereIsNothingToRollBackTo() {
    client.apps().replicaSets().inNamespace(NS).withName("api-v1").delete();
    RecoveryActions.RecoveryActionException e =
        assertThrows(
            RecoveryActions.RecoveryActionException.class,
            () -> actions.perform(Strategy.ROLLBACK, failure()));
    assertTrue(e.getMessage().contains("shop/api has 1 revision(s)"), e.getMessage());
    assertTrue(actions.unsupported(Strategy.SHED_LOAD, failure()).isPresent());
    Pod still = client.pods().inNamespace(NS).withName("api-b").get();
    assertNotNull(still);
  }

  @Test
  void shouldShedLoadByRateLimitingTheServicesIngress() {
    client
        .network()
        .v1()
        .ingresses()
        .inNamespace(NS)
        .resource(
            new IngressBuilder()
                .withNewMetadata()
                .withName("api-public")
                .addToAnnotations("kubernetes.io/ingress.class", "nginx")
                .endMetadata()
                .build())
        .create();
    var shedding =
        new KubernetesRecoveryActions(
            client,
            Map.of(
                "api",
                new KubernetesRecoveryActions.Target("api", "api", null)
                    .withIngress("api-public", 20)));
    assertTrue(shedding.unsupported(Strategy.SHED_LOAD, failure()).isEmpty());
    assertEquals(
        List.of(
            "PATCH /apis/networking.k8s.io/v1/namespaces/"
                + NS
                + "/ingresses/api-public ("
                + KubernetesRecoveryActions.LIMIT_RPS
                + "=20)"),
        shedding.plan(Strategy.SHED_LOAD, failure()));
    assertNull(
        client
            .network()
            .v1()
            .ingresses()
            .inNamespace(NS)
            .withName("api-public")
            .get()
            .getMetadata()
            .getAnnotations()
            .get(KubernetesRecoveryActions.LIMIT_RPS),
        "planning changes nothing");
    shedding.perform(Strategy.SHED_LOAD, failure());
    Map<String, String> a =
        client
            .network()
            .v1()
            .ingresses()
            .inNamespace(NS)
            .withName("api-public")
            .get()
            .getMetadata()
            .getAnnotations();
    assertEquals("20", a.get(KubernetesRecoveryActions.LIMIT_RPS));
    assertEquals("nginx", a.get("kubernetes.io/ingress.class"), "other annotations are kept");
    var missing =
        new KubernetesRecoveryActions(
            client,
            Map.of(
                "api",
                new KubernetesRecoveryActions.Target("api", "api", null)
                    .withIngress("no-such", 20)));
    RecoveryActions.RecoveryActionException e =
        assertThrows(
            RecoveryActions.RecoveryActionException.class,
            () -> missing.perform(Strategy.SHED_LOAD, failure()));
    assertTrue(e.getMessage().contains("no ingress " + NS + "/no-such"), e.getMessage());
  }

  @Test
  void shouldRetryATransientApiErrorAndNameTheCallOnAPermanentOne() {
    failNext.set(1);
    failCode = 503;
    actions.perform(Strategy.SCALE_OUT, failure()); // the first GET gets 503 and is retried
    assertEquals(
        3,
        client.apps().deployments().inNamespace(NS).withName("api").get().getSpec().getReplicas());
    failNext.set(1);
    failCode = 403;
    RecoveryActions.RecoveryActionException e =
        assertThrows(
            RecoveryActions.RecoveryActionException.class,
            () -> actions.perform(Strategy.FAILOVER, failure()));
    assertTrue(
        e.getMessage().startsWith("cannot PATCH /api/v1/namespaces/shop/services/api")
            && e.getMessage().contains("403"),
        e.getMessage());
    assertEquals(
        Map.of("app", "api"),
        client.services().inNamespace(NS).withName("api").get().getSpec().getSelector());
  }
}
