/**
 * The job's real inputs, as {@code io.augur.job.AugurJob.Input}s: Prometheus remote read and Kafka
 * (adapter JSON).
 */
package io.augur.job.sources;
