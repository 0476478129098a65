package io.augur.domain;

import java.util.Map;

/**
 * An alert about a predicted failure, shaped for Alertmanager: labels identify it (alertname,
 * severity, the component's labels), annotations explain it, {@code endsAtMs} resolves it.
 */
public record FailureAlert(
    String alertName,
    String component,
    Map<String, String> labels,
    Map<String, String> annotations,
    Severity severity,
    AlertState state,
    long startsAtMs,
    Long endsAtMs,
    FailurePrediction prediction) {

  public FailureAlert {
    Checks.nonBlank("alertName", alertName);
    Checks.nonBlank("component", component);
    labels = Map.copyOf(Checks.noNullEntries("labels", labels == null ? Map.of() : labels));
    annotations =
        Map.copyOf(
            Checks.noNullEntries("annotations", annotations == null ? Map.of() : annotations));
    Checks.nonNull("severity", severity);
    if (severity == Severity.NONE) {
      throw new IllegalArgumentException("severity of an alert must be MEDIUM or HIGH, got NONE");
    }
    Checks.nonNull("state", state);
    Checks.nonNegative("startsAtMs", startsAtMs);
    if (endsAtMs != null && endsAtMs < startsAtMs) {
      throw new IllegalArgumentException(
          "endsAtMs " + endsAtMs + " is before startsAtMs " + startsAtMs);
    }
    if (state == AlertState.RESOLVED && endsAtMs == null) {
      throw new IllegalArgumentException("a RESOLVED alert needs endsAtMs");
    }
    Checks.nonNull("prediction", prediction);
  }
}
