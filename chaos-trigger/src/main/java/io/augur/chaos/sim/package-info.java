/**
 * A simulated fleet for the closed loop: services with replicas and dependencies, hidden
 * fragilities (per service and fault type, the probability that the fault breaches the service's
 * SLO), an {@link io.augur.chaos.exec.Executor} that injects into it and a {@link
 * io.augur.chaos.prom.MetricsSource} through which the experiment engine's abort conditions and the
 * health gate see the effect. The planner never sees the fragilities; the demo and {@code loop
 * simulate} score what the loop found against them.
 */
package io.augur.chaos.sim;
