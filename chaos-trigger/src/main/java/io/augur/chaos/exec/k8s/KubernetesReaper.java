package io.augur.chaos.exec.k8s;

import io.augur.chaos.exec.FaultJournal;
import io.augur.chaos.exec.InjectedFault;
import io.augur.chaos.safety.NamespaceAllowlist;
import io.augur.domain.Checks;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Removes what a crashed run left on the cluster, on the next start. Two sweeps:
 *
 * <ol>
 *   <li>the journal: every fault the {@link KubernetesExecutor} journalled whose experiment is not
 *       running is reverted (deleted and awaited; the entry goes once the resource is gone);
 *   <li>the cluster: in each given namespace, every resource of the {@link ChaosResourceKind}s with
 *       {@code app.kubernetes.io/managed-by=augur} whose {@code augur.io/experiment} is not a
 *       running experiment's is deleted. Resources without the augur label are never touched.
 * </ol>
 *
 * <p>The journal sweep always deletes for real (the journal proves this Augur created them); the
 * cluster sweep follows the executor's mode: in dry-run it only reports what it would delete.
 */
public final class KubernetesReaper {
  private final KubernetesExecutor executor;

  public KubernetesReaper(KubernetesExecutor executor) {
    this.executor = Checks.nonNull("executor", executor);
  }

  /**
   * What a sweep did.
   *
   * @param reverted journalled faults reverted (their ids)
   * @param removed resources deleted from the cluster
   * @param wouldRemove resources a dry-run executor left but would have deleted
   * @param problems what could not be done (the API server failed, a namespace refused ...); empty
   *     when all went well
   */
  public record Result(
      List<String> reverted,
      List<ResourceRef> removed,
      List<ResourceRef> wouldRemove,
      List<String> problems) {
    public Result {
      reverted = List.copyOf(reverted);
      removed = List.copyOf(removed);
      wouldRemove = List.copyOf(wouldRemove);
      problems = List.copyOf(problems);
    }
  }

  /**
   * Sweeps the journal and {@code namespaces}.
   *
   * @param running ids of the experiments running now (their resources stay)
   */
  public Result reap(Collection<String> namespaces, Set<String> running, FaultJournal journal) {
    Checks.noNullElements("namespaces", namespaces);
    Checks.noNullElements("running", running);
    Checks.nonNull("journal", journal);
    List<String> reverted = new ArrayList<>();
    List<ResourceRef> removed = new ArrayList<>();
    List<ResourceRef> wouldRemove = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (InjectedFault f : journal.of(KubernetesExecutor.NAME)) {
      if (running.contains(f.experimentId())) {
        continue;
      }
      try {
        executor.revert(f, journal);
        reverted.add(f.id());
      } catch (RuntimeException e) {
        problems.add("journalled fault " + f.id() + ": " + e.getMessage());
      }
    }
    Set<String> runningLabels =
        running.stream().map(Manifests::experimentLabel).collect(Collectors.toSet());
    for (String ns : new TreeSet<>(namespaces)) {
      if (NamespaceAllowlist.isForbidden(ns)) {
        problems.add(
            "namespace \""
                + ns
                + "\" skipped: the Kubernetes executor never acts in kube-* namespaces");
        continue;
      }
      for (ChaosResourceKind kind : ChaosResourceKind.all()) {
        sweep(kind, ns, runningLabels, removed, wouldRemove, problems);
      }
    }
    return new Result(reverted, removed, wouldRemove, problems);
  }

  private void sweep(
      ChaosResourceKind kind,
      String ns,
      Set<String> runningLabels,
      List<ResourceRef> removed,
      List<ResourceRef> wouldRemove,
      List<String> problems) {
    List<GenericKubernetesResource> items;
    try {
      items = executor.listManaged(kind, ns);
    } catch (RuntimeException e) {
      problems.add(e.getMessage());
      return;
    }
    for (GenericKubernetesResource r : items) {
      String experiment = KubernetesExecutor.label(r, KubernetesExecutor.EXPERIMENT);
      if (experiment != null && runningLabels.contains(experiment)) {
        continue;
      }
      ResourceRef ref = new ResourceRef(kind, ns, r.getMetadata().getName());
      if (!executor.options().apply()) {
        wouldRemove.add(ref);
        continue;
      }
      try {
        executor.delete(ref, null);
        removed.add(ref);
      } catch (RuntimeException e) {
        problems.add(e.getMessage());
      }
    }
  }
}
