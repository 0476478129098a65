package io.augur.chaos.experiment;

import io.augur.domain.Checks;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which pods an experiment may touch: the target's pods in one namespace, matched by labels.
 *
 * @param targetPods how many pods the labels match
 * @param systemPods how many pods the whole system runs (the blast-radius denominator)
 * @param node the node name for node-scoped experiments, or null
 * @param pod the predicted pod's name, or null; when known the first ("one pod") step hits exactly
 *     it
 * @param trafficShare the service's share of all traffic (0..1), or null when unknown; hitting k of
 *     its n pods then touches {@code trafficShare * k / n} of the traffic
 */
public record Selection(
    String namespace,
    Map<String, String> labels,
    int targetPods,
    int systemPods,
    String node,
    String pod,
    Double trafficShare) {
  public Selection {
    Checks.nonBlank("namespace", namespace);
    labels = Map.copyOf(Checks.noNullEntries("labels", labels));
    if (labels.isEmpty()) {
      throw new IllegalArgumentException(
          "labels must not be empty: an experiment needs a label selector");
    }
    labels.forEach(
        (k, v) -> {
          if (!Names.isLabelValue(v)) {
            throw new IllegalArgumentException(
                "labels[" + k + "] is not a valid label value: \"" + v + "\"");
          }
        });
    if (targetPods < 1 || systemPods < targetPods) {
      throw new IllegalArgumentException(
          "need 1 <= targetPods <= systemPods, got targetPods="
              + targetPods
              + " systemPods="
              + systemPods);
    }
    if (trafficShare != null) {
      io.augur.domain.Checks.probability("trafficShare", trafficShare);
    }
    if (pod != null && !Names.isDns1123Subdomain(pod)) {
      throw new IllegalArgumentException("pod must be a DNS-1123 subdomain, got \"" + pod + "\"");
    }
  }

  /** Labels in key order, for stable manifests. */
  public Map<String, String> sortedLabels() {
    return new TreeMap<>(labels);
  }
}
