/**
 * The ensemble: the member models' calibrated probabilities combined by stacked logistic regression
 * (one combiner per subset of members, so a missing member is left out rather than scored as zero),
 * its output calibrated; severity thresholds, top contributing features, a predicted failure time,
 * the likely failure mode and the actions recommended for it; and the trainer that builds all of it
 * from labelled windows, calibrating on out-of-fold scores (cross-fitting by component).
 */
package io.augur.models.ensemble;
