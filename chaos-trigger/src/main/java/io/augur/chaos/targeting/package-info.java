/**
 * Targeting: which component should the next experiment hit. {@link
 * io.augur.chaos.targeting.TargetRanker} scores the latest {@link
 * io.augur.domain.FailurePrediction} of every component, raised where the models are unsure,
 * lowered by recent experiments and by blast radius (formula in the class doc and the module
 * README).
 */
package io.augur.chaos.targeting;
