/**
 * Training inputs for {@code augur train}: each source (NAB CSV files, SMD directories, the demo
 * fleet, a Prometheus range through a registered {@link io.augur.training.sources.TrainingSource})
 * yields raw series per component; {@link io.augur.training.sources.TrainingSetBuilder} runs them
 * through the job's own feature layer, labels windows from real spans (demo failures, chaos
 * outcomes) and injects synthetic faults where no labels exist.
 */
package io.augur.training.sources;
