/**
 * Evaluation on multivariate server-metric benchmarks laid out as SMD and ASD are ({@code train/},
 * {@code test/}, {@code test_label/}; one row a step, one column a metric): a reader that skips
 * machines whose data is absent, the {@link io.augur.evaluation.mts.MultivariateDetector} contract
 * (fit on train rows, then score test rows one at a time in order, never seeing a test label), the
 * z-score baseline, Augur's detectors, the runner that writes per-row scores and figures, the
 * reports and the {@code mts} command.
 */
package io.augur.evaluation.mts;
