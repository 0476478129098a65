/**
 * The Flink job: thin operators over the pure-Java cores. {@link io.augur.job.AugurJob} wires
 * input, scoring, alerting and sinks; everything stateful is a keyed function whose logic lives in
 * a core class.
 */
package io.augur.job;
