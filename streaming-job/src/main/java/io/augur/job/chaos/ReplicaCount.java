package io.augur.job.chaos;

import io.augur.domain.Checks;
import io.augur.domain.MetricSample;
import java.util.Optional;
import java.util.Set;

/**
 * How many pods a service runs, as the cluster says: a {@code kube_deployment_spec_replicas} or
 * {@code kube_statefulset_replicas} sample of kube-state-metrics (service = its {@code deployment}
 * or {@code statefulset} label), or any sample carrying a {@code replicas} label (service = its
 * {@code app} label, else {@code job}).
 */
public record ReplicaCount(String service, int replicas, long timestampMs) {
  public static final Set<String> METRICS =
      Set.of("kube_deployment_spec_replicas", "kube_statefulset_replicas");

  public ReplicaCount {
    Checks.nonBlank("service", service);
    if (replicas < 0) {
      throw new IllegalArgumentException(
          "replicas of " + service + " must be >= 0, got " + replicas);
    }
  }

  /** The count a sample tells, if it tells one. */
  public static Optional<ReplicaCount> of(MetricSample s) {
    if (METRICS.contains(s.metric())) {
      String svc = s.labels().getOrDefault("deployment", s.labels().get("statefulset"));
      if (svc == null || svc.isBlank() || !Double.isFinite(s.value())) {
        return Optional.empty();
      }
      return Optional.of(
          new ReplicaCount(svc, (int) Math.max(0, Math.round(s.value())), s.timestampMs()));
    }
    String r = s.labels().get("replicas");
    String svc = s.labels().getOrDefault("app", s.labels().get("job"));
    if (r == null || svc == null || svc.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new ReplicaCount(svc, Math.max(0, Integer.parseInt(r.trim())), s.timestampMs()));
    } catch (NumberFormatException e) {
      return Optional.empty(); // not a count: Topology reports a bad label on the prediction itself
    }
  }
}
