/**
 * The Numenta Anomaly Benchmark (NAB) in Java: the corpus (data files and labelled windows), an
 * exact reimplementation of NAB's scorer (sweep values, scaled sigmoid, the three cost profiles,
 * the corpus-wide threshold optimiser and normalisation against the null and perfect detectors), a
 * parallel streaming runner that writes results in NAB's own layout, and the {@code nab} evaluation
 * command with its reports.
 *
 * <p>The scoring rules follow {@code shared/datasets/nab/SCORING.md}; deviations would break the
 * reproduction of the published scoreboard, which the tests assert.
 */
package io.augur.evaluation.nab;
