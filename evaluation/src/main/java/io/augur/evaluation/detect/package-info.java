/**
 * Univariate streaming anomaly detectors: the {@link io.augur.evaluation.detect.StreamingDetector}
 * contract (one point at a time, no look-ahead, a score in [0, 1]), NAB's windowed Gaussian
 * baseline, Random Cut Forest as the peer baseline, Augur's own univariate detector, and the {@link
 * io.augur.evaluation.univariate.DetectorRegistry} that names them for the evaluation commands.
 */
package io.augur.evaluation.detect;
