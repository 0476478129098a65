/**
 * Resilience scoring per service: availability, MTTR, MTBF, error budget remaining, chaos
 * experiment success rate and recovery automation rate, each from PromQL or recorded outcomes,
 * normalised to 0..1 and weighted 0.3, 0.2, 0.2, 0.1, 0.1, 0.1 (normalisation in {@link
 * io.augur.chaos.score.ScoreConfig}).
 */
package io.augur.chaos.score;
