/**
 * Running experiments: the {@link io.augur.chaos.exec.Executor} seam every executor implements
 * (local processes, Kubernetes, the demo's simulated fleet), the {@link io.augur.chaos.exec.FaultJournal}
 * that records every applied fault on disk before it is applied so a crashed runner's leftovers are
 * removed on the next start, and the engine that drives an approved plan through pre-flight,
 * baseline, inject, watch, revert, verify and record.
 */
package io.augur.chaos.exec;
