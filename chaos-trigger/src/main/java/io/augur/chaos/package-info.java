/**
 * Augur's chaos planner: ranks components for experiments from failure predictions, passes every
 * plan through safety gates, renders Chaos Mesh and LitmusChaos manifests, scores resilience,
 * validates resilience requirements and turns experiment outcomes into training labels. Pure Java;
 * running the experiments is another module's job.
 */
package io.augur.chaos;
