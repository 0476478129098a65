/**
 * Synthetic fault injection into normal history, for training when no labelled failures exist:
 * spikes, level shifts, trends, variance changes, flat lines and dropouts, reproducible by seed.
 * {@link io.augur.models.inject.SeriesFaultInjector} injects into raw series before the feature
 * layer (what {@code augur train} uses); {@link io.augur.models.inject.FaultInjector} into feature
 * vectors; plus a seeded generator of normal multivariate history for tests and benchmarks.
 */
package io.augur.models.inject;
