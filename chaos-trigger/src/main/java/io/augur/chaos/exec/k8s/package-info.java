/**
 * The Kubernetes executor: an approved plan becomes the Chaos Mesh resource (PodChaos,
 * NetworkChaos, StressChaos, IOChaos, HTTPChaos, TimeChaos, DNSChaos), a Chaos Mesh Workflow or a
 * Litmus ChaosEngine the {@code manifest} package renders, created through the fabric8 client as a
 * generic resource in the plan's namespace, watched through its {@code .status} and deleted on
 * revert. Everything created carries {@code app.kubernetes.io/managed-by: augur} and {@code
 * augur.io/experiment: <plan id>}, so {@link io.augur.chaos.exec.k8s.KubernetesReaper} finds what a
 * crashed run left behind. Dry-run (the API server's {@code dryRun=All}) is the default.
 */
package io.augur.chaos.exec.k8s;
