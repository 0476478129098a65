/**
 * Augur's ensemble (the models module's isolation forest, LSTM and random forest, stacked and calibrated) as a
 * univariate streaming detector: per series it builds feature vectors from a trailing buffer
 * ({@link io.augur.training.univariate.UnivariateFeatures}), trains on the series' own probationary period with
 * faults injected by {@link io.augur.models.inject.FaultInjector} ({@link
 * io.augur.training.univariate.UnivariateTrainingSet}), then scores every later point one at a time
 * ({@link io.augur.training.univariate.EnsembleDetector}). No label of any series is read.
 */
package io.augur.training.univariate;
