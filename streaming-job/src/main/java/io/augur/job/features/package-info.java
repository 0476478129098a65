/**
 * The Flink adapter of the feature layer: {@link io.augur.job.features.ComponentFeatureFunction}
 * keeps one {@link io.augur.features.ComponentFeatureExtractor} per component in managed state and
 * calls it; explicit serializers ({@link io.augur.job.features.FeatureTypes}) keep every type of
 * the path off Kryo.
 */
package io.augur.job.features;
