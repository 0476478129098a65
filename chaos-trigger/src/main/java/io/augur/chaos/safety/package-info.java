/**
 * Safety gates no plan can get around. {@link io.augur.chaos.safety.SafetyGates} is the only way to
 * obtain an {@link io.augur.chaos.safety.ApprovedPlan}, and manifests are only made from approved
 * plans. The gates: system health (from Prometheus) at least 0.8, blast radius within the policy
 * and never above 5% of pods unless explicitly overridden, namespace on the allowlist and never a
 * {@code kube-*} namespace, human approval above a configured impact, allowed time windows,
 * pre-flight checks, and the policy's abort conditions present in the plan. Health counts Augur's
 * own firing predictions among the alerts; {@link io.augur.chaos.safety.PredictedFailureCeiling}
 * refuses a target Augur already expects to fail unless a named person accepts it (a pre-flight
 * finding a human may accept turns into NEEDS_APPROVAL).
 */
package io.augur.chaos.safety;
