/**
 * The feature layer: turns raw Prometheus samples into fixed-order, schema-versioned component
 * {@link io.augur.domain.FeatureVector}s.
 *
 * <p>Pure Java, no Flink. {@link io.augur.features.FeatureConfig} says what to compute; {@link
 * io.augur.features.SeriesWindow} keeps one series' bounded state in primitive ring buffers; {@link
 * io.augur.features.ComponentFeatureExtractor} groups a component's series, handles the mess
 * (duplicates, lateness, stale markers, TTL, label explosion) and emits one vector per step, its
 * series held in a {@link io.augur.features.SeriesStore} (a map, or Flink's MapState in the job);
 * {@link io.augur.features.FleetFeatures} runs the same code offline over a {@link
 * io.augur.fleet.DemoFleet}. Every feature and its formula is documented on {@link
 * io.augur.features.SeriesFeature}.
 */
package io.augur.features;
