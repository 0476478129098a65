/**
 * Declarative recovery validation: a {@link io.augur.chaos.recovery.RecoveryTest} (YAML, read by
 * {@link io.augur.chaos.recovery.RecoveryTestFile}) names a catalogue fault to trigger on a target,
 * the recovery time expected, and checks (PromQL, HTTP probe, command exit status) that must hold
 * while the fault is in effect and become true, and stay true for a while, as the system recovers.
 * {@link io.augur.chaos.recovery.RecoveryRun} triggers the fault through an {@code Executor} (after
 * the safety gates), watches every step on an injected clock, always reverts, and reports per step
 * when it first held and the measured recovery time against the expectation ({@link
 * io.augur.chaos.recovery.RecoveryReport}: Markdown, JSON, Prometheus textfile).
 */
package io.augur.chaos.recovery;
