package io.augur.domain;

import java.util.List;
import java.util.Map;

/**
 * What the ensemble says about one component at one time.
 *
 * @param probability calibrated probability of failure within the model's horizon, 0..1
 * @param severity derived from the probability by the configured thresholds
 * @param predictedFailureTimeMs when failure is expected (epoch ms), or null when no estimate
 * @param modelParts each model's own probability, by model name
 * @param failureMode the most likely failure mode, or "unknown"
 */
public record FailurePrediction(
    String component,
    Map<String, String> componentLabels,
    long timestampMs,
    double probability,
    Severity severity,
    Long predictedFailureTimeMs,
    List<String> affectedComponents,
    String failureMode,
    List<String> recommendedActions,
    List<Contribution> contributingFeatures,
    Map<String, Double> modelParts,
    String modelVersion) {

  public FailurePrediction {
    Checks.nonBlank("component", component);
    componentLabels =
        Map.copyOf(
            Checks.noNullEntries(
                "componentLabels", componentLabels == null ? Map.of() : componentLabels));
    Checks.nonNegative("timestampMs", timestampMs);
    Checks.probability("probability", probability);
    Checks.nonNull("severity", severity);
    if (predictedFailureTimeMs != null && predictedFailureTimeMs < 0) {
      throw new IllegalArgumentException(
          "predictedFailureTimeMs must be >= 0, got " + predictedFailureTimeMs);
    }
    affectedComponents =
        List.copyOf(
            Checks.noNullElements(
                "affectedComponents", affectedComponents == null ? List.of() : affectedComponents));
    failureMode = failureMode == null || failureMode.isBlank() ? "unknown" : failureMode;
    recommendedActions =
        List.copyOf(
            Checks.noNullElements(
                "recommendedActions", recommendedActions == null ? List.of() : recommendedActions));
    contributingFeatures =
        List.copyOf(
            Checks.noNullElements(
                "contributingFeatures",
                contributingFeatures == null ? List.of() : contributingFeatures));
    modelParts =
        Map.copyOf(Checks.noNullEntries("modelParts", modelParts == null ? Map.of() : modelParts));
    for (Map.Entry<String, Double> e : modelParts.entrySet()) {
      Checks.probability("modelParts[" + e.getKey() + "]", e.getValue());
    }
    Checks.nonBlank("modelVersion", modelVersion);
  }
}
