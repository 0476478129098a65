package io.augur.job.alertmanager;

import io.augur.domain.AlertState;
import io.augur.domain.Contribution;
import io.augur.domain.FailureAlert;
import io.augur.domain.FailurePrediction;
import io.augur.domain.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test fixtures: alerts shaped like the job's alert decider makes them. */
final class Alerts {
  private Alerts() {}

  static FailureAlert alert(
      String component, Severity sev, AlertState state, long startsAt, Long endsAt, double p) {
    Map<String, String> cl =
        Map.of("job", component.split("/")[0], "instance", component.split("/")[1]);
    FailurePrediction pred =
        new FailurePrediction(
            component,
            cl,
            startsAt,
            p,
            sev,
            startsAt + 600_000,
            List.of(component),
            "memory_leak",
            List.of("restart the pod", "raise the memory limit"),
            List.of(new Contribution("heap_slope", 0.8)),
            Map.of(),
            "v1");
    Map<String, String> labels = new LinkedHashMap<>(cl);
    labels.put("alertname", "AugurPredictedFailure");
    labels.put("component", component);
    Map<String, String> ann =
        Map.of(
            "summary",
            "Predicted memory_leak on " + component,
            "description",
            "p=" + p,
            "recommended_actions",
            "restart the pod; raise the memory limit",
            "top_features",
            "heap_slope=0.80");
    return new FailureAlert(
        "AugurPredictedFailure", component, labels, ann, sev, state, startsAt, endsAt, pred);
  }

  static FailureAlert firing(String component, Severity sev, long startsAt) {
    return alert(
        component, sev, AlertState.FIRING, startsAt, null, sev == Severity.HIGH ? 0.95 : 0.8);
  }

  static FailureAlert resolved(String component, Severity sev, long startsAt, long endsAt) {
    return alert(component, sev, AlertState.RESOLVED, startsAt, endsAt, 0.4);
  }
}
