/**
 * JMH benchmarks of the feature layer: the per-series update path, per-series feature computation
 * and whole component vectors; plus {@link io.augur.bench.features.StateSize}, which measures the
 * heap held per active series. Figures and commands: {@code docs/benchmarks/features.md}.
 */
package io.augur.bench.features;
