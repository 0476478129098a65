package io.augur.chaos.exec.k8s;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * fabric8's mock API server in CRUD mode on 127.0.0.1, knowing the executor's custom resources
 * (plural and status subresource as their CRDs in {@code shared/schemas} declare them).
 *
 * <p>The CRUD dispatcher ignores {@code dryRun}; a real API server validates a dry-run request and
 * stores nothing. This dispatcher does the same for creates: with {@code dryRun=All} it answers
 * what the create would (201 with the object, 409 if the name is taken) and stores nothing. Every
 * request's method and path is recorded.
 */
final class MockApiServer implements AutoCloseable {
  /** Held so the level sticks: the mock server logs every request at INFO. */
  private static final java.util.logging.Logger QUIET = quiet();

  final KubernetesMockServer server;
  final KubernetesClient client;
  final List<String> requests = new CopyOnWriteArrayList<>();
  private volatile Consumer<RecordedRequest> onCreate = r -> {};
  private final java.util.concurrent.atomic.AtomicInteger failures =
      new java.util.concurrent.atomic.AtomicInteger();
  private volatile int failureCode;

  MockApiServer() {
    List<CustomResourceDefinitionContext> crds =
        ChaosResourceKind.all().stream()
            .map(
                k ->
                    new CustomResourceDefinitionContext.Builder()
                        .withName(k.plural() + "." + k.group())
                        .withGroup(k.group())
                        .withVersion(ChaosResourceKind.VERSION)
                        .withKind(k.kind())
                        .withPlural(k.plural())
                        .withScope("Namespaced")
                        .withStatusSubresource(k == ChaosResourceKind.WORKFLOW)
                        .build())
            .toList();
    server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new DryRunAwareDispatcher(crds),
            false);
    try {
      server.init(InetAddress.getByName("127.0.0.1"), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    client = newClient();
  }

  private static java.util.logging.Logger quiet() {
    java.util.logging.Logger l = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");
    l.setLevel(java.util.logging.Level.WARNING);
    return l;
  }

  /** A new client of this server, tuned as the executor's production client is. */
  KubernetesClient newClient() {
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(server.url("/"))
            .withNamespace("default")
            .withTrustCerts(true)
            .build();
    return new KubernetesClientBuilder().withConfig(KubernetesExecutor.tuned(config)).build();
  }

  /**
   * Runs {@code hook} on every (non-dry-run or dry-run) create, before the dispatcher handles it.
   */
  void onCreate(Consumer<RecordedRequest> hook) {
    this.onCreate = hook;
  }

  /**
   * Answers the next {@code n} requests with HTTP {@code code} (a Status body), as a struggling API
   * server does.
   */
  void failNext(int n, int code) {
    failureCode = code;
    failures.set(n);
  }

  /** Takes the API server away (connections are refused from now on). */
  void stop() {
    server.destroy();
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }

  private final class DryRunAwareDispatcher extends KubernetesCrudDispatcher {
    DryRunAwareDispatcher(List<CustomResourceDefinitionContext> crds) {
      super(crds);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      requests.add(request.getMethod() + " " + request.getPath());
      if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        return new MockResponse()
            .setResponseCode(failureCode)
            .setBody(
                "{\"kind\":\"Status\",\"apiVersion\":\"v1\","
                    + "\"status\":\"Failure\",\"code\":"
                    + failureCode
                    + ",\"message\":\"injected by the test\"}");
      }
      return super.dispatch(request);
    }

    @Override
    public MockResponse handleCreate(RecordedRequest request) {
      onCreate.accept(request);
      String path = request.getPath();
      if (!path.contains("dryRun=All")) {
        return super.handleCreate(request);
      }
      String base = path.substring(0, path.indexOf('?'));
      String name =
          client
              .getKubernetesSerialization()
              .unmarshal(
                  request.getUtf8Body(),
                  io.fabric8.kubernetes.api.model.GenericKubernetesResource.class)
              .getMetadata()
              .getName();
      if (handleGet(base + "/" + name).code() == 200) {
        return new MockResponse()
            .setResponseCode(409)
            .setBody(
                "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":"
                    + "\"Failure\",\"reason\":\"AlreadyExists\",\"code\":409,\"message\":\""
                    + name
                    + " already exists\"}");
      }
      return new MockResponse().setResponseCode(201).setBody(request.getUtf8Body());
    }
  }

  /**
   * Writes {@code dir/kubeconfig} pointing at this server (context namespace {@code namespace}) and
   * makes fabric8's discovery find it (the {@code kubeconfig} system property) until closed.
   */
  AutoCloseable useKubeconfig(java.nio.file.Path dir, String namespace) throws IOException {
    java.nio.file.Path kubeconfig =
        java.nio.file.Files.writeString(
            dir.resolve("kubeconfig"),
            """
        apiVersion: v1
        kind: Config
        clusters:
          - name: mock
            cluster:
              server: %s
        users:
          - name: tester
            user:
              token: not-a-secret
        contexts:
          - name: mock
            context: {cluster: mock, user: tester, namespace: %s}
        current-context: mock
        """
                .formatted(server.url("/"), namespace));
    String previous = System.getProperty("kubeconfig");
    System.setProperty("kubeconfig", kubeconfig.toString());
    return () -> {
      if (previous == null) {
        System.clearProperty("kubeconfig");
      } else {
        System.setProperty("kubeconfig", previous);
      }
    };
  }
}
