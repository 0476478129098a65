/**
 * The ensemble: the member models' calibrated probabilities combined by stacked logistic
 * regression fitted on held-out data (one combiner per subset of members, so a missing member is
 * left out rather than scored as zero), severity thresholds, top contributing features, a predicted
 * failure time, the likely failure mode and the actions recommended for it; and the trainer that
 * builds all of it from labelled windows.
 */
package io.augur.models.ensemble;
