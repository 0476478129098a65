package io.augur.chaos.adaptive;

import io.augur.chaos.exec.FaultException;
import io.augur.chaos.exec.k8s.KubeCalls;
import io.augur.domain.Checks;
import io.augur.domain.Sleeper;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Recovery strategies as Kubernetes API calls: restart deletes the deployment's pods that are not
 * ready (all of them when every one is ready), scale out adds one replica, fail over patches the
 * Service's selector to the standby's labels, roll back puts the previous ReplicaSet's pod template
 * back on the deployment (what {@code kubectl rollout undo} does). Shedding load has no API call
 * here (it belongs to the ingress or a proxy) and is unsupported. {@link #plan} reads what it must
 * and lists the writes it would make; only {@link #perform} writes. Every call goes through {@link
 * KubeCalls} (transient errors retried with backoff); a call that fails is a {@link
 * RecoveryActionException} naming it.
 */
public final class KubernetesRecoveryActions implements RecoveryActions {
  static final String REVISION = "deployment.kubernetes.io/revision";

  /**
   * How a service maps onto the cluster.
   *
   * @param standbySelector the labels the Service selects during fail over (null: fail over
   *     unsupported)
   */
  public record Target(
      String deployment,
      String serviceName,
      Map<String, String> standbySelector,
      String ingress,
      int shedRps) {
    public Target {
      Checks.nonBlank("deployment", deployment);
      Checks.nonBlank("serviceName", serviceName);
      standbySelector =
          standbySelector == null || standbySelector.isEmpty() ? null : Map.copyOf(standbySelector);
      if (ingress != null) {
        Checks.nonBlank("ingress", ingress);
        if (shedRps < 1) {
          throw new IllegalArgumentException(
              "shedRps must be at least 1 request/s for ingress " + ingress + ", got " + shedRps);
        }
      }
    }

    /** A target whose load cannot be shed (no Ingress known). */
    public Target(String deployment, String serviceName, Map<String, String> standbySelector) {
      this(deployment, serviceName, standbySelector, null, 0);
    }

    /**
     * The same target, shedding load by limiting {@code ingress} to {@code rps} requests per second
     * per client.
     */
    public Target withIngress(String ingress, int rps) {
      return new Target(deployment, serviceName, standbySelector, ingress, rps);
    }
  }

  /**
   * The ingress-nginx annotation that limits each client's requests per second (requests above it
   * get 503): shedding load is setting it on the service's Ingress.
   */
  public static final String LIMIT_RPS = "nginx.ingress.kubernetes.io/limit-rps";

  private final KubernetesClient client;
  private final Map<String, Target> targets;
  private final boolean closeClient;
  private final KubeCalls calls = new KubeCalls(4, Duration.ofMillis(200), Sleeper.REAL);

  /**
   * @param targets by service name; a service not listed is a deployment and Service of its own
   *     name, no standby
   */
  public KubernetesRecoveryActions(KubernetesClient client, Map<String, Target> targets) {
    this(client, targets, false);
  }

  /**
   * @param closeClient whether {@link #close} closes the client (it was made for these actions)
   */
  public KubernetesRecoveryActions(
      KubernetesClient client, Map<String, Target> targets, boolean closeClient) {
    this.client = Checks.nonNull("client", client);
    this.targets = Map.copyOf(targets == null ? Map.of() : targets);
    this.closeClient = closeClient;
  }

  @Override
  public void close() {
    if (closeClient) {
      client.close();
    }
  }

  @Override
  public String name() {
    return "kubernetes";
  }

  private Target target(Failure f) {
    return targets.getOrDefault(f.service(), new Target(f.service(), f.service(), null));
  }

  @Override
  public Optional<String> unsupported(Strategy strategy, Failure failure) {
    if (strategy == Strategy.SHED_LOAD && target(failure).ingress() == null) {
      return Optional.of(
          "shedding load on "
              + failure.service()
              + " needs its Ingress (--shed SERVICE=INGRESS:RPS):"
              + " it is a rate limit on the Ingress");
    }
    if (strategy == Strategy.FAILOVER && target(failure).standbySelector() == null) {
      return Optional.of("service " + failure.service() + " has no standby selector");
    }
    return Optional.empty();
  }

  @Override
  public List<String> plan(Strategy strategy, Failure failure) {
    return calls(strategy, failure).stream().map(Call::describe).toList();
  }

  @Override
  public Performed perform(Strategy strategy, Failure failure) {
    unsupported(strategy, failure)
        .ifPresent(
            u -> {
              throw new RecoveryActionException(u);
            });
    List<String> done = new ArrayList<>();
    for (Call c : calls(strategy, failure)) {
      try {
        calls.call(
            c.method() + " " + c.path(),
            () -> {
              c.run().run();
              return null;
            });
      } catch (FaultException e) {
        throw new RecoveryActionException(e.getMessage(), e);
      }
      done.add(c.describe());
    }
    return new Performed(done, null);
  }

  /** One write to the API server. */
  record Call(String method, String path, String what, Runnable run) {
    String describe() {
      return method + " " + path + " (" + what + ")";
    }
  }

  private <T> T read(String what, java.util.function.Supplier<T> call) {
    try {
      return calls.call(what, call);
    } catch (FaultException e) {
      throw new RecoveryActionException(e.getMessage(), e);
    }
  }

  List<Call> calls(Strategy strategy, Failure f) {
    Target t = target(f);
    String ns = f.namespace();
    String deployPath = "/apis/apps/v1/namespaces/" + ns + "/deployments/" + t.deployment();
    Deployment d = strategy == Strategy.FAILOVER ? null : deployment(ns, t.deployment());
    return switch (strategy) {
      case RESTART -> {
        Map<String, String> sel = d.getSpec().getSelector().getMatchLabels();
        List<Pod> pods =
            read(
                "list pods " + ns + "/" + sel,
                () -> client.pods().inNamespace(ns).withLabels(sel).list().getItems());
        List<Pod> notReady = pods.stream().filter(p -> !ready(p)).toList();
        List<Pod> victims = notReady.isEmpty() ? pods : notReady;
        if (victims.isEmpty()) {
          throw new RecoveryActionException(
              "deployment " + ns + "/" + t.deployment() + " has no pods matching " + sel);
        }
        yield victims.stream()
            .map(
                p ->
                    new Call(
                        "DELETE",
                        "/api/v1/namespaces/" + ns + "/pods/" + p.getMetadata().getName(),
                        "restart: its ReplicaSet starts a new pod",
                        () ->
                            client
                                .pods()
                                .inNamespace(ns)
                                .withName(p.getMetadata().getName())
                                .delete()))
            .toList();
      }
      case SCALE_OUT -> {
        int now = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        yield List.of(
            new Call(
                "PATCH",
                deployPath + "/scale",
                "replicas " + now + " -> " + (now + 1),
                () ->
                    client
                        .apps()
                        .deployments()
                        .inNamespace(ns)
                        .withName(t.deployment())
                        .scale(now + 1)));
      }
      case FAILOVER ->
          List.of(
              new Call(
                  "PATCH",
                  "/api/v1/namespaces/" + ns + "/services/" + t.serviceName(),
                  "selector -> " + t.standbySelector(),
                  () ->
                      client
                          .services()
                          .inNamespace(ns)
                          .withName(t.serviceName())
                          .edit(
                              s -> {
                                s.getSpec().setSelector(new LinkedHashMap<>(t.standbySelector()));
                                return s;
                              })));
      case ROLLBACK -> {
        PodTemplateSpec previous = previousTemplate(ns, d);
        yield List.of(
            new Call(
                "PATCH",
                deployPath,
                "pod template -> the previous ReplicaSet's (rollout undo)",
                () ->
                    client
                        .apps()
                        .deployments()
                        .inNamespace(ns)
                        .withName(t.deployment())
                        .edit(
                            x -> {
                              x.getSpec().setTemplate(previous);
                              return x;
                            })));
      }
      case SHED_LOAD -> {
        if (t.ingress() == null) {
          throw new RecoveryActionException(unsupported(strategy, f).orElseThrow());
        }
        String rps = Integer.toString(t.shedRps());
        if (read(
                "get ingress " + ns + "/" + t.ingress(),
                () -> client.network().v1().ingresses().inNamespace(ns).withName(t.ingress()).get())
            == null) {
          throw new RecoveryActionException(
              "no ingress " + ns + "/" + t.ingress() + " to shed load on");
        }
        yield List.of(
            new Call(
                "PATCH",
                "/apis/networking.k8s.io/v1/namespaces/" + ns + "/ingresses/" + t.ingress(),
                LIMIT_RPS + "=" + rps,
                () -> {
                  client
                      .network()
                      .v1()
                      .ingresses()
                      .inNamespace(ns)
                      .withName(t.ingress())
                      .edit(
                          i -> {
                            Map<String, String> a =
                                new LinkedHashMap<>(
                                    i.getMetadata().getAnnotations() == null
                                        ? Map.of()
                                        : i.getMetadata().getAnnotations());
                            a.put(LIMIT_RPS, rps);
                            i.getMetadata().setAnnotations(a);
                            return i;
                          });
                }));
      }
    };
  }

  private Deployment deployment(String ns, String name) {
    Deployment d =
        read(
            "get deployment " + ns + "/" + name,
            () -> client.apps().deployments().inNamespace(ns).withName(name).get());
    if (d == null) {
      throw new RecoveryActionException("no deployment " + ns + "/" + name);
    }
    return d;
  }

  private static boolean ready(Pod p) {
    return p.getStatus() != null
        && p.getStatus().getConditions() != null
        && p.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /**
   * The template of the ReplicaSet with the highest revision below the current one, without its
   * pod-template-hash.
   */
  private PodTemplateSpec previousTemplate(String ns, Deployment d) {
    String uid = d.getMetadata().getUid();
    List<ReplicaSet> owned =
        read(
                "list replicasets " + ns,
                () -> client.apps().replicaSets().inNamespace(ns).list().getItems())
            .stream()
            .filter(
                rs ->
                    rs.getMetadata().getOwnerReferences() != null
                        && rs.getMetadata().getOwnerReferences().stream()
                            .anyMatch(
                                o ->
                                    "Deployment".equals(o.getKind())
                                        && (uid == null
                                            ? d.getMetadata().getName().equals(o.getName())
                                            : uid.equals(o.getUid()))))
            .filter(rs -> revision(rs) > 0)
            .sorted(Comparator.comparingLong(KubernetesRecoveryActions::revision).reversed())
            .toList();
    if (owned.size() < 2) {
      throw new RecoveryActionException(
          "deployment "
              + ns
              + "/"
              + d.getMetadata().getName()
              + " has "
              + owned.size()
              + " revision(s): nothing to roll back to");
    }
    PodTemplateSpec t = owned.get(1).getSpec().getTemplate();
    if (t.getMetadata() != null && t.getMetadata().getLabels() != null) {
      Map<String, String> labels = new LinkedHashMap<>(t.getMetadata().getLabels());
      labels.remove("pod-template-hash");
      t.getMetadata().setLabels(labels);
    }
    return t;
  }

  private static long revision(ReplicaSet rs) {
    Map<String, String> a = rs.getMetadata().getAnnotations();
    try {
      return a == null || a.get(REVISION) == null ? 0 : Long.parseLong(a.get(REVISION));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
