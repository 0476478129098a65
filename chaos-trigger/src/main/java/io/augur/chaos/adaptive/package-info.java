/**
 * Adaptive recovery: when a failure is detected (an Augur alert, or a recovery validation failing),
 * choose a recovery strategy by its recorded effectiveness for that failure type and context, carry
 * it out through {@link io.augur.chaos.adaptive.RecoveryActions} (local processes behind the fault
 * proxy, or Kubernetes API calls, dry run by default) after the same safety gates as every
 * experiment, measure whether and how fast the health check passes again, and append the attempt to
 * the durable {@link io.augur.chaos.adaptive.EffectivenessLog}.
 *
 * <p>The chooser ({@link io.augur.chaos.adaptive.StrategyChooser}) is Thompson sampling over a Beta
 * posterior on success per (strategy, failure type, criticality), with recovery time as a
 * tie-breaker and exploration bounded: a strategy with a known-bad record is never tried on a
 * critical service.
 */
package io.augur.chaos.adaptive;
