/**
 * Running experiments: the {@link io.augur.chaos.exec.Executor} seam every executor implements
 * (local processes, Kubernetes, the demo's simulated fleet), the {@link
 * io.augur.chaos.exec.FaultJournal} that records every applied fault on disk before it is applied
 * so a crashed runner's leftovers are removed on the next start, and the {@link
 * io.augur.chaos.exec.ExperimentEngine} that drives a plan through pre-flight (every gate again),
 * baseline, inject, watch ({@link io.augur.chaos.exec.AbortWatch}: abort conditions with {@code
 * for}, failing closed), revert, verify and record, and reaps what a crashed runner left in the
 * journal.
 */
package io.augur.chaos.exec;
