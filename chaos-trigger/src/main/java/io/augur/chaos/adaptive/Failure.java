package io.augur.chaos.adaptive;

import io.augur.domain.Checks;

/**
 * A detected failure to respond to.
 *
 * @param id what detected it, e.g. the alert's fingerprint or the recovery test's plan id
 * @param failureType a catalogue fault id or predicted failure mode (see {@link StrategyLibrary})
 * @param service the component / service that failed (the local process or the Kubernetes
 *     deployment)
 * @param critical whether the service is critical: exploration is bounded and approvals apply
 * @param source {@code alert} or {@code recovery-validation}
 */
public record Failure(
    String id,
    String failureType,
    String service,
    String namespace,
    boolean critical,
    String source,
    long detectedAtMs) {
  public Failure {
    Checks.nonBlank("id", id);
    failureType = StrategyLibrary.normalise(Checks.nonBlank("failureType", failureType));
    Checks.nonBlank("service", service);
    Checks.nonBlank("namespace", namespace);
    Checks.nonBlank("source", source);
    Checks.nonNegative("detectedAtMs", detectedAtMs);
  }

  /** The context the chooser keys on. */
  public String context() {
    return critical ? "critical" : "standard";
  }

  public Failure withCritical(boolean c) {
    return new Failure(id, failureType, service, namespace, c, source, detectedAtMs);
  }
}
