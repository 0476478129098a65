package io.augur.chaos.manifest;

import io.augur.domain.Checks;

/**
 * How Workflow steps that are not faults are made: the Prometheus URL the baseline and report tasks
 * query, the health URL template ({@code {app}} and {@code {namespace}} are substituted) the status
 * checks poll, and the image that runs the tasks.
 */
public record WorkflowOptions(
    String prometheusUrl,
    String healthUrlTemplate,
    String taskImage,
    int baselineSeconds,
    int recoverySeconds) {
  public static final WorkflowOptions DEFAULT =
      new WorkflowOptions(
          "http://prometheus.monitoring.svc:9090",
          "http://{app}.{namespace}.svc.cluster.local:8080/healthz",
          "curlimages/curl:8.10.1",
          60,
          120);

  public WorkflowOptions {
    Checks.nonBlank("prometheusUrl", prometheusUrl);
    Checks.nonBlank("healthUrlTemplate", healthUrlTemplate);
    Checks.nonBlank("taskImage", taskImage);
    if (baselineSeconds < 1 || recoverySeconds < 1) {
      throw new IllegalArgumentException(
          "baselineSeconds and recoverySeconds must be >= 1, got "
              + baselineSeconds
              + ", "
              + recoverySeconds);
    }
  }

  public String healthUrl(String app, String namespace) {
    return healthUrlTemplate.replace("{app}", app).replace("{namespace}", namespace);
  }
}
