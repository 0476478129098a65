/**
 * Synthetic fault injection into normal history, for training when no labelled failures exist:
 * spikes, level shifts, trends, variance changes, flat lines and dropouts, reproducible by seed;
 * plus a seeded generator of normal multivariate history for tests and benchmarks.
 */
package io.augur.models.inject;
