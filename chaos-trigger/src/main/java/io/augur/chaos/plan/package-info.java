/**
 * From ranked targets to concrete experiments: {@link io.augur.chaos.plan.ChaosPlanner} picks the
 * catalogue entry for each target's predicted failure mode, the pods to hit (one pod first, then
 * the largest percentage the blast-radius limits allow), success criteria and abort conditions. The
 * result, a {@link io.augur.chaos.experiment.PlannedExperiment}, must still pass the safety gates.
 */
package io.augur.chaos.plan;
