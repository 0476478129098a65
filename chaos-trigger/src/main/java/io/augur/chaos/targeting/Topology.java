package io.augur.chaos.targeting;

import io.augur.domain.Checks;
import io.augur.domain.FailurePrediction;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * How many pods each service runs, and how many the whole system runs: the denominator of every
 * blast radius. A component {@code job/instance} belongs to service {@code job} (or its {@code app}
 * label). A service's pod count is its {@code replicas} label when a prediction carries one, else
 * the number of its instances seen when more than one, else {@code defaultPods}.
 *
 * <p>Blast radius of an experiment hitting {@code podsHit} pods is {@code min(1, (podsHit +
 * collateral) / totalPods)}: the pods hit plus one pod's worth of collateral for each other
 * component the prediction names as affected ({@link #collateral}).
 */
public final class Topology {
  public static final String REPLICAS_LABEL = "replicas";

  private final Map<String, Integer> podsByService;
  private final int totalPods;

  public Topology(Map<String, Integer> podsByService, int totalPods) {
    Checks.noNullEntries("podsByService", podsByService);
    int sum = 0;
    for (Map.Entry<String, Integer> e : podsByService.entrySet()) {
      if (e.getValue() < 1) {
        throw new IllegalArgumentException(
            "podsByService[" + e.getKey() + "] must be >= 1, got " + e.getValue());
      }
      sum += e.getValue();
    }
    if (totalPods < sum || totalPods < 1) {
      throw new IllegalArgumentException(
          "totalPods must be >= 1 and >= the sum of service pods (" + sum + "), got " + totalPods);
    }
    this.podsByService = Map.copyOf(podsByService);
    this.totalPods = totalPods;
  }

  /**
   * The service a component belongs to: its {@code app} label, else the part of its id before '/'.
   */
  public static String serviceOf(FailurePrediction p) {
    String app = p.componentLabels().get("app");
    return app != null && !app.isBlank() ? app : p.component().split("/", 2)[0];
  }

  /**
   * How many components other than {@code p}'s own its prediction names as affected: the collateral
   * of an experiment on it. The models list the component itself among the affected (the skeleton
   * always, the ensemble for its group); its pod is already among the pods hit, so it is not
   * counted twice.
   */
  public static int collateral(FailurePrediction p) {
    return (int)
        p.affectedComponents().stream().filter(c -> !c.equals(p.component())).distinct().count();
  }

  /** Pods per service from the predictions (see the class doc); total = their sum. */
  public static Topology fromPredictions(
      Collection<FailurePrediction> predictions, int defaultPods) {
    return fromPredictions(predictions, Map.of(), defaultPods);
  }

  /**
   * Pods per service with {@code knownPods} (service to replica count, from the cluster's metrics)
   * taking precedence over what the predictions say; services in {@code knownPods} without a
   * prediction do not count towards the total (only what the predictions cover is the system).
   */
  public static Topology fromPredictions(
      Collection<FailurePrediction> predictions, Map<String, Integer> knownPods, int defaultPods) {
    Checks.noNullEntries("knownPods", knownPods);
    if (defaultPods < 1) {
      throw new IllegalArgumentException("defaultPods must be >= 1, got " + defaultPods);
    }
    Map<String, Integer> replicas = new HashMap<>();
    Map<String, Set<String>> instances = new HashMap<>();
    for (FailurePrediction p : predictions) {
      String service = serviceOf(p);
      instances.computeIfAbsent(service, k -> new HashSet<>()).add(p.component());
      String r = p.componentLabels().get(REPLICAS_LABEL);
      if (r != null) {
        try {
          replicas.merge(service, Math.max(1, Integer.parseInt(r.trim())), Math::max);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "label "
                  + REPLICAS_LABEL
                  + " of "
                  + p.component()
                  + " must be an integer, got \""
                  + r
                  + "\"",
              e);
        }
      }
    }
    Map<String, Integer> pods = new HashMap<>();
    instances.forEach(
        (service, seen) ->
            pods.put(
                service,
                knownPods.containsKey(service)
                    ? Math.max(1, knownPods.get(service))
                    : replicas.getOrDefault(service, seen.size() > 1 ? seen.size() : defaultPods)));
    int total = pods.values().stream().mapToInt(Integer::intValue).sum();
    return new Topology(pods, Math.max(1, total));
  }

  /** Pods of the service {@code p}'s component belongs to (1 when unknown). */
  public int pods(FailurePrediction p) {
    return podsByService.getOrDefault(serviceOf(p), 1);
  }

  public int totalPods() {
    return totalPods;
  }

  public double blastRadius(int podsHit, int affectedComponents) {
    if (podsHit < 1) {
      throw new IllegalArgumentException("podsHit must be >= 1, got " + podsHit);
    }
    return Math.min(1.0, (podsHit + (double) Math.max(0, affectedComponents)) / totalPods);
  }
}
