/**
 * The job's own metrics (samples in, dead letters, predictions, alerts, model version,
 * per-component probability).
 */
package io.augur.job.metrics;
