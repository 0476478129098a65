/**
 * {@code augur loop simulate}: the closed loop (predict, experiment, label, retrain) measured on
 * seeded simulated fleets. {@link io.augur.evaluation.loop.Telemetry} holds the simulation's
 * assumptions (what fragility looks like in the metrics), {@link
 * io.augur.evaluation.loop.LoopSimulation} runs each targeting strategy through the real planner,
 * safety gates and experiment engine, {@link io.augur.evaluation.loop.LoopReport} states the
 * figures with 95 % confidence intervals over the seeds.
 */
package io.augur.evaluation.loop;
