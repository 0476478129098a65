package io.augur.chaos.exec.k8s;

import io.augur.chaos.manifest.WorkflowOptions;
import io.augur.chaos.safety.NamespaceAllowlist;
import io.augur.domain.Checks;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

/**
 * How the Kubernetes executor works.
 *
 * @param apply false (the default): every create goes to the API server as a dry-run ({@code
 *     dryRun=All}) and nothing is created; true: resources are created for real
 * @param flavour which manifests a plan becomes
 * @param namespaces the namespaces this executor may create in (its RBAC's); empty = any the plan's
 *     gates approved. {@code kube-*} is refused whatever this says.
 * @param workflow how Workflow steps that are not faults are made ({@link Flavour#WORKFLOW})
 * @param attempts API calls per operation on connection errors and 429/5xx (1 = no retry)
 * @param firstBackoff the wait before the first retry; doubled for each further one
 * @param deleteWait how long {@code revert} waits for a deleted resource to be gone (finalizers)
 * @param pollInterval how often it looks meanwhile
 */
public record KubernetesOptions(
    boolean apply,
    Flavour flavour,
    Set<String> namespaces,
    WorkflowOptions workflow,
    int attempts,
    Duration firstBackoff,
    Duration deleteWait,
    Duration pollInterval) {

  /** What a plan becomes on the cluster. */
  public enum Flavour {
    /** The Chaos Mesh chaos of the plan's type (its first rollout step), e.g. a PodChaos. */
    CHAOS_MESH,
    /**
     * A Chaos Mesh Workflow running the whole progressive rollout with health checks between steps.
     */
    WORKFLOW,
    /** A Litmus ChaosEngine where Litmus has the experiment, else the Chaos Mesh chaos. */
    LITMUS
  }

  public KubernetesOptions {
    Checks.nonNull("flavour", flavour);
    namespaces = Set.copyOf(Checks.noNullElements("namespaces", namespaces));
    for (String ns : namespaces) {
      if (NamespaceAllowlist.isForbidden(ns)) {
        throw new IllegalArgumentException(
            "namespaces must not hold kube-* or blank namespaces, got \"" + ns + "\"");
      }
    }
    Checks.nonNull("workflow", workflow);
    if (attempts < 1 || attempts > 10) {
      throw new IllegalArgumentException("attempts must be within [1, 10], got " + attempts);
    }
    positive("firstBackoff", firstBackoff);
    positive("deleteWait", deleteWait);
    positive("pollInterval", pollInterval);
    if (pollInterval.compareTo(deleteWait) > 0) {
      throw new IllegalArgumentException(
          "pollInterval " + pollInterval + " must not exceed deleteWait " + deleteWait);
    }
  }

  /**
   * Dry-run, Chaos Mesh, any approved namespace, 4 attempts from 200 ms, deletes awaited 5 s every
   * 250 ms.
   */
  public static KubernetesOptions defaults() {
    return new KubernetesOptions(
        false,
        Flavour.CHAOS_MESH,
        Set.of(),
        WorkflowOptions.DEFAULT,
        4,
        Duration.ofMillis(200),
        Duration.ofSeconds(5),
        Duration.ofMillis(250));
  }

  public KubernetesOptions withApply(boolean apply) {
    return new KubernetesOptions(
        apply, flavour, namespaces, workflow, attempts, firstBackoff, deleteWait, pollInterval);
  }

  public KubernetesOptions withFlavour(Flavour flavour) {
    return new KubernetesOptions(
        apply, flavour, namespaces, workflow, attempts, firstBackoff, deleteWait, pollInterval);
  }

  public KubernetesOptions withNamespaces(Set<String> namespaces) {
    return new KubernetesOptions(
        apply, flavour, namespaces, workflow, attempts, firstBackoff, deleteWait, pollInterval);
  }

  public KubernetesOptions withRetries(int attempts, Duration firstBackoff) {
    return new KubernetesOptions(
        apply, flavour, namespaces, workflow, attempts, firstBackoff, deleteWait, pollInterval);
  }

  public KubernetesOptions withDeleteWait(Duration deleteWait, Duration pollInterval) {
    return new KubernetesOptions(
        apply, flavour, namespaces, workflow, attempts, firstBackoff, deleteWait, pollInterval);
  }

  /**
   * Whether this executor may create in {@code namespace}: never kube-*, and within {@link
   * #namespaces} when set.
   */
  public boolean allows(String namespace) {
    return !NamespaceAllowlist.isForbidden(namespace)
        && (namespaces.isEmpty() || namespaces.contains(namespace));
  }

  @Override
  public String toString() {
    return (apply ? "apply" : "dry-run")
        + ", "
        + flavour
        + ", namespaces "
        + (namespaces.isEmpty() ? "as approved" : new TreeSet<>(namespaces));
  }

  private static void positive(String name, Duration d) {
    Checks.nonNull(name, d);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be > 0, got " + d);
    }
  }
}
