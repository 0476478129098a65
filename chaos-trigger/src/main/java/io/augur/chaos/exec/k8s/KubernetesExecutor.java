package io.augur.chaos.exec.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.augur.chaos.exec.Executor;
import io.augur.chaos.exec.FaultException;
import io.augur.chaos.exec.FaultJournal;
import io.augur.chaos.exec.FaultStatus;
import io.augur.chaos.exec.FaultStatus.State;
import io.augur.chaos.exec.InjectedFault;
import io.augur.chaos.safety.ApprovedPlan;
import io.augur.chaos.safety.NamespaceAllowlist;
import io.augur.domain.Checks;
import io.augur.domain.Sleeper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Runs an approved plan on a Kubernetes cluster as a Chaos Mesh or Litmus custom resource (see
 * {@link KubernetesOptions.Flavour}), created through fabric8 as a generic resource in the plan's
 * namespace.
 *
 * <p>Life cycle: {@link #inject} renders the manifest ({@link Manifests}), labels it {@code
 * app.kubernetes.io/managed-by: augur} and {@code augur.io/experiment: <plan id>}, annotates it
 * with {@code augur.io/fault-id}, journals apiVersion/kind/namespace/name and only then creates it
 * (in dry-run, the default, the create goes to the API server with {@code dryRun=All}: validated,
 * admitted, never stored). {@link #status} reads the resource's {@code .status} ({@link
 * ResourceStatuses}); an unreachable API server is UNKNOWN. {@link #revert} deletes it (404 = gone
 * already), waits a bounded time for finalizers (Chaos Mesh recovers the pods before it lets go)
 * and only then drops the journal entry. Resources whose {@code augur.io/fault-id} is another
 * fault's are never deleted. Calls are retried with backoff on connection errors and 429/5xx
 * ({@link KubeCalls}); failures name the kind, namespace, name and HTTP status.
 *
 * <p>Namespaces: it creates only in the approved plan's namespace (every namespace the manifest
 * names must be that one), only in {@link KubernetesOptions#namespaces()} when that is set, and
 * never in {@code kube-*}, even though the gates already refuse those.
 *
 * <p>RBAC (see {@code deploy/rbac/chaos-executor.yaml}): in each namespace it may run in, a Role
 * with {@code get, list, watch, create, delete} on {@code chaos-mesh.org} {@code podchaos,
 * networkchaos, stresschaos, iochaos, httpchaos, timechaos, dnschaos, workflows} and {@code
 * litmuschaos.io} {@code chaosengines}; nothing on pods, secrets or anything else (the Chaos Mesh
 * and Litmus controllers do the pod work under their own accounts). Dry-run needs the same verbs:
 * the API server authorises a dry-run create as a create. No cluster-wide permission and no API
 * discovery are needed (the resource paths are fixed, {@link ChaosResourceKind}).
 */
public final class KubernetesExecutor implements Executor {
  public static final String NAME = "kubernetes";
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String MANAGER = "augur";
  public static final String EXPERIMENT = "augur.io/experiment";
  public static final String FAULT_ID = "augur.io/fault-id";
  static final String MODE = "mode";
  static final String DRY_RUN = "dry-run";
  static final String APPLY = "apply";

  private final KubernetesClient client;
  private final boolean ownsClient;
  private final KubernetesOptions options;
  private final Clock clock;
  private final Sleeper sleeper;
  private final KubeCalls calls;
  private final Manifests manifests;

  /** With a client the caller owns (and closes). */
  public KubernetesExecutor(
      KubernetesClient client, KubernetesOptions options, Clock clock, Sleeper sleeper) {
    this(client, false, options, clock, sleeper);
  }

  private KubernetesExecutor(
      KubernetesClient client,
      boolean ownsClient,
      KubernetesOptions options,
      Clock clock,
      Sleeper sleeper) {
    this(
        client,
        ownsClient,
        options,
        clock,
        sleeper,
        new Manifests(options.flavour(), options.workflow()));
  }

  private KubernetesExecutor(
      KubernetesClient client,
      boolean ownsClient,
      KubernetesOptions options,
      Clock clock,
      Sleeper sleeper,
      Manifests manifests) {
    this.client = Checks.nonNull("client", client);
    this.ownsClient = ownsClient;
    this.options = Checks.nonNull("options", options);
    this.clock = Checks.nonNull("clock", clock);
    this.sleeper = Checks.nonNull("sleeper", sleeper);
    this.calls = new KubeCalls(options.attempts(), options.firstBackoff(), sleeper);
    this.manifests = manifests;
  }

  /**
   * This executor (same client, options and journal name, so the reaper treats its faults as any
   * other), except that the plan {@code planId} is created as {@code workflow}, a Chaos Mesh
   * Workflow read and checked by {@link io.augur.chaos.manifest.WorkflowFile}, instead of its own
   * manifest. It is labelled, annotated, namespace-checked, journalled, watched and deleted like
   * any resource. Closing it does not close the shared client.
   */
  public KubernetesExecutor forWorkflow(String planId, ObjectNode workflow) {
    Checks.nonNull("workflow", workflow);
    return new KubernetesExecutor(
        client,
        false,
        options,
        clock,
        sleeper,
        manifests.withFixed(planId, workflow, options.workflow()));
  }

  /** {@link #fromEnvironment(boolean, KubernetesOptions)} with the default options. */
  public static KubernetesExecutor fromEnvironment(boolean apply) {
    return fromEnvironment(apply, KubernetesOptions.defaults());
  }

  /**
   * A client from fabric8's usual configuration discovery: {@code KUBECONFIG} / {@code
   * ~/.kube/config} (its current context and namespace), else the in-cluster service account
   * ({@code /var/run/secrets/kubernetes.io/serviceaccount}), else the {@code kubernetes.*} system
   * properties and {@code KUBERNETES_*} variables. fabric8's own retries are switched off: {@link
   * KubeCalls} retries, so the total wait stays bounded.
   *
   * @param apply true to create for real (the CLI's {@code --apply}); false for dry-run
   */
  public static KubernetesExecutor fromEnvironment(boolean apply, KubernetesOptions options) {
    Config config = tuned(Config.autoConfigure(null));
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
    return new KubernetesExecutor(
        client, true, options.withApply(apply), Clock.systemUTC(), Sleeper.REAL);
  }

  /** {@code base} with fabric8's retries off and bounded connect and request timeouts. */
  public static Config tuned(Config base) {
    return new ConfigBuilder(base)
        .withRequestRetryBackoffLimit(0)
        .withConnectionTimeout(5_000)
        .withRequestTimeout(10_000)
        .build();
  }

  @Override
  public String name() {
    return NAME;
  }

  public KubernetesOptions options() {
    return options;
  }

  @Override
  public Optional<String> unsupported(ApprovedPlan plan) {
    Checks.nonNull("plan", plan);
    String refusal = refusal(plan.planned().plan().namespace());
    if (refusal != null) {
      return Optional.of(refusal);
    }
    try {
      manifests.render(plan, "check");
      return Optional.empty();
    } catch (RuntimeException e) {
      return Optional.of(
          "cannot render " + plan.planned().type().id() + " for Kubernetes: " + e.getMessage());
    }
  }

  private String refusal(String namespace) {
    if (NamespaceAllowlist.isForbidden(namespace)) {
      return "the Kubernetes executor never acts in namespace \""
          + namespace
          + "\" (kube-* and blank are refused)";
    }
    if (!options.allows(namespace)) {
      return "the Kubernetes executor may only act in "
          + options.namespaces()
          + ", not in namespace "
          + namespace;
    }
    return null;
  }

  @Override
  public InjectedFault inject(ApprovedPlan plan, FaultJournal journal) {
    Checks.nonNull("plan", plan);
    Checks.nonNull("journal", journal);
    String refusal = refusal(plan.planned().plan().namespace());
    if (refusal != null) {
      throw new FaultException("refusing plan " + plan.planned().plan().id() + ": " + refusal);
    }
    String experimentId = plan.planned().plan().id();
    String faultId =
        experimentId + "-" + NAME + "-" + manifests.kindFor(plan).kind().toLowerCase(Locale.ROOT);
    Manifests.Rendered r;
    GenericKubernetesResource resource;
    try {
      r = manifests.render(plan, faultId);
      resource =
          client
              .getKubernetesSerialization()
              .convertValue(r.manifest(), GenericKubernetesResource.class);
    } catch (RuntimeException e) {
      throw new FaultException(
          "cannot render plan "
              + experimentId
              + " ("
              + plan.planned().type().id()
              + ") for Kubernetes: "
              + e.getMessage(),
          e);
    }
    ResourceRef ref = r.ref();
    Map<String, String> handle = new LinkedHashMap<>(ref.handle());
    handle.put(MODE, options.apply() ? APPLY : DRY_RUN);
    InjectedFault fault =
        new InjectedFault(
            faultId,
            NAME,
            experimentId,
            plan.planned().plan().targets().get(0),
            plan.planned().type().id(),
            handle,
            clock.millis());
    journal.record(fault);
    if (!options.apply()) {
      try {
        calls.call("dry-run create " + ref, () -> ops(ref).resource(resource).dryRun().create());
      } catch (FaultException e) {
        journal.remove(faultId); // a dry-run stores nothing
        throw e;
      }
      return fault; // journalled as a dry-run: revert only drops the entry
    }
    try {
      calls.call("create " + ref, () -> ops(ref).resource(resource).create());
      return fault;
    } catch (FaultException e) {
      if (KubeCalls.code(e) == 409) {
        return adoptOrRefuse(fault, ref, journal, e);
      }
      cleanUpAfterFailedCreate(fault, journal);
      throw e;
    }
  }

  /**
   * 409: ours (same fault id, e.g. a retried create whose answer was lost) is adopted; anything
   * else is left alone.
   */
  private InjectedFault adoptOrRefuse(
      InjectedFault fault, ResourceRef ref, FaultJournal journal, FaultException e) {
    GenericKubernetesResource existing;
    try {
      existing = calls.call("read " + ref, () -> ops(ref).withName(ref.name()).get());
    } catch (FaultException readFailed) {
      throw new FaultException(
          e.getMessage()
              + "; cannot tell whose it is ("
              + readFailed.getMessage()
              + "); the journal entry "
              + fault.id()
              + " stays",
          e);
    }
    if (existing != null && isOurs(existing, fault)) {
      return fault;
    }
    journal.remove(fault.id());
    throw new FaultException(
        e.getMessage()
            + "; it belongs to "
            + (existing == null ? "nobody any more" : "fault " + annotation(existing, FAULT_ID))
            + ", so it was left alone",
        e);
  }

  private void cleanUpAfterFailedCreate(InjectedFault fault, FaultJournal journal) {
    try {
      revert(fault, journal);
    } catch (RuntimeException ignored) {
      // the entry stays in the journal; the reaper retries on the next start
    }
  }

  @Override
  public FaultStatus status(InjectedFault fault) {
    try {
      ResourceRef ref = ResourceRef.of(fault);
      if (NamespaceAllowlist.isForbidden(ref.namespace())) {
        return new FaultStatus(
            State.UNKNOWN, "refusing to read " + ref + ": kube-* namespaces are never touched");
      }
      if (isDryRun(fault)) {
        // a dry-run Workflow has nothing to wait for (its steps never start): it ends at once
        return ref.kind() == ChaosResourceKind.WORKFLOW
            ? new FaultStatus(
                State.ENDED, "dry-run: the API server accepted " + ref + ", nothing was stored")
            : FaultStatus.active("dry-run: would create " + ref);
      }
      GenericKubernetesResource r =
          calls.call("read " + ref, () -> ops(ref).withName(ref.name()).get());
      if (r == null) {
        return new FaultStatus(State.ENDED, ref + " is gone (HTTP 404)");
      }
      if (!isOurs(r, fault)) {
        return new FaultStatus(
            State.UNKNOWN,
            ref + " now belongs to fault " + annotation(r, FAULT_ID) + ", not " + fault.id());
      }
      return ResourceStatuses.of(
          ref.kind(), client.getKubernetesSerialization().convertValue(r, JsonNode.class), ref);
    } catch (RuntimeException e) {
      return new FaultStatus(State.UNKNOWN, e.getMessage());
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Works on an interrupted thread too (the SIGTERM path): the flag is set aside for the bounded
   * delete-and-wait and restored afterwards.
   */
  @Override
  public void revert(InjectedFault fault, FaultJournal journal) {
    Checks.nonNull("fault", fault);
    Checks.nonNull("journal", journal);
    ResourceRef ref = refOf(fault);
    if (isDryRun(fault)) {
      journal.remove(fault.id()); // nothing was created
      return;
    }
    boolean interrupted = Thread.interrupted();
    try {
      delete(ref, fault);
      journal.remove(fault.id());
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Deletes the resource if it is the one {@code fault} created (or, with a null {@code fault}, any
   * augur-managed one) and waits until it is gone.
   *
   * @throws FaultException when the API server fails or the resource outlives {@link
   *     KubernetesOptions#deleteWait()}
   */
  void delete(ResourceRef ref, InjectedFault fault) {
    refuseForbidden(ref);
    GenericKubernetesResource r =
        calls.call("read " + ref, () -> ops(ref).withName(ref.name()).get());
    if (r == null) {
      return;
    }
    if (fault != null && !isOurs(r, fault)) {
      return; // ours is gone; this one is another fault's (same name, another plan)
    }
    if (fault == null && !MANAGER.equals(label(r, MANAGED_BY))) {
      throw new FaultException("refusing to delete " + ref + ": it is not managed by augur");
    }
    calls.call("delete " + ref, () -> ops(ref).withName(ref.name()).delete());
    long polls = Math.max(1, options.deleteWait().toMillis() / options.pollInterval().toMillis());
    GenericKubernetesResource left = null;
    for (long i = 0; i <= polls; i++) {
      left = calls.call("read " + ref, () -> ops(ref).withName(ref.name()).get());
      if (left == null
          || (r.getMetadata().getUid() != null
              && !r.getMetadata().getUid().equals(left.getMetadata().getUid()))) {
        return;
      }
      if (i < polls) {
        pause(options.pollInterval(), ref);
      }
    }
    throw new FaultException(
        ref
            + " still exists "
            + options.deleteWait()
            + " after its deletion (deletionTimestamp "
            + left.getMetadata().getDeletionTimestamp()
            + ", finalizers "
            + left.getMetadata().getFinalizers()
            + ")");
  }

  @Override
  public boolean verifyReverted(InjectedFault fault) {
    try {
      ResourceRef ref = ResourceRef.of(fault);
      if (isDryRun(fault)) {
        return true;
      }
      refuseForbidden(ref);
      GenericKubernetesResource r =
          calls.call("read " + ref, () -> ops(ref).withName(ref.name()).get());
      return r == null || !isOurs(r, fault);
    } catch (RuntimeException e) {
      return false; // cannot tell: not verified
    }
  }

  @Override
  public void close() {
    if (ownsClient) {
      client.close();
    }
  }

  /**
   * The resources of {@code kind} in {@code namespace} that carry {@code
   * app.kubernetes.io/managed-by=augur}.
   */
  List<GenericKubernetesResource> listManaged(ChaosResourceKind kind, String namespace) {
    ResourceRef where = new ResourceRef(kind, namespace, "*");
    refuseForbidden(where);
    GenericKubernetesResourceList list =
        calls.call(
            "list " + kind.kind() + " in " + namespace,
            () ->
                client
                    .genericKubernetesResources(kind.context())
                    .inNamespace(namespace)
                    .withLabel(MANAGED_BY, MANAGER)
                    .list());
    return list.getItems();
  }

  private NonNamespaceOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      ops(ResourceRef ref) {
    return client.genericKubernetesResources(ref.kind().context()).inNamespace(ref.namespace());
  }

  private static ResourceRef refOf(InjectedFault fault) {
    try {
      ResourceRef ref = ResourceRef.of(fault);
      refuseForbidden(ref);
      return ref;
    } catch (IllegalStateException e) {
      throw new FaultException(e.getMessage(), e);
    }
  }

  private static void refuseForbidden(ResourceRef ref) {
    if (NamespaceAllowlist.isForbidden(ref.namespace())) {
      throw new FaultException(
          "refusing to touch " + ref + ": the Kubernetes executor never acts in kube-* namespaces");
    }
  }

  private static boolean isDryRun(InjectedFault fault) {
    return DRY_RUN.equals(fault.handle().get(MODE));
  }

  /**
   * Whether {@code r} is the resource {@code fault} created: its {@code augur.io/fault-id} is the
   * fault's, or (the annotation removed by hand) it is augur-managed and labelled with the fault's
   * experiment.
   */
  private static boolean isOurs(GenericKubernetesResource r, InjectedFault fault) {
    String id = annotation(r, FAULT_ID);
    if (id != null) {
      return id.equals(fault.id());
    }
    return MANAGER.equals(label(r, MANAGED_BY))
        && Manifests.experimentLabel(fault.experimentId()).equals(label(r, EXPERIMENT));
  }

  static String annotation(GenericKubernetesResource r, String key) {
    Map<String, String> a = r.getMetadata() == null ? null : r.getMetadata().getAnnotations();
    return a == null ? null : a.get(key);
  }

  static String label(GenericKubernetesResource r, String key) {
    Map<String, String> l = r.getMetadata() == null ? null : r.getMetadata().getLabels();
    return l == null ? null : l.get(key);
  }

  private void pause(Duration d, ResourceRef ref) {
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FaultException("interrupted while waiting for " + ref + " to be deleted");
    }
  }
}
