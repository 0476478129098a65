/**
 * Unattended retraining ({@code augur retrain [--watch]}): a round trains a candidate bundle on
 * recent history plus honestly labelled experiment outcomes, scores it and the current bundle on
 * the same held-out recent windows, and publishes it atomically into the job's model watch
 * directory only when {@link io.augur.training.retrain.PublishRule} says it is not worse.
 */
package io.augur.training.retrain;
