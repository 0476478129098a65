/**
 * Manifests from approved plans: Chaos Mesh chaos resources, {@code Workflow}s (baseline, parallel
 * progressive fault tests, recovery validation, report) and {@code Schedule}s, and LitmusChaos
 * {@code ChaosEngine}s, as Jackson trees written as YAML. Only {@link
 * io.augur.chaos.safety.ApprovedPlan}s are accepted. {@link io.augur.chaos.manifest.ManifestChecks}
 * checks what the CRD schemas cannot.
 */
package io.augur.chaos.manifest;
