/**
 * Augur's ensemble (the models module's isolation forest, LSTM and random forest, stacked and
 * calibrated) as a univariate streaming detector: per series it builds feature vectors from a
 * trailing buffer ({@link io.augur.evaluation.univariate.UnivariateFeatures}), trains on the
 * series' own probationary period with faults injected by {@link
 * io.augur.models.inject.FaultInjector} ({@link
 * io.augur.evaluation.univariate.UnivariateTrainingSet}), then scores every later point one at a
 * time ({@link io.augur.evaluation.univariate.EnsembleDetector}). No label of any series is read.
 */
package io.augur.evaluation.univariate;
