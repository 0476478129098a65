/**
 * Operational helpers shared by the job's connectors and wired by {@code AugurJob}: backoff,
 * the ingest envelope (sample or dead letter), checkpointing configuration, the job's own metrics
 * and hot model reload.
 */
package io.augur.job.ops;
