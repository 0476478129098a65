/**
 * Chaos experiment metrics for Prometheus, computed from the outcome log so they persist across
 * runs: {@code augur_chaos_experiments_total{service,type,result}}, {@code
 * augur_chaos_experiment_success_rate{service}} and {@code
 * augur_chaos_last_experiment_timestamp_seconds{service}}, in the text exposition format. {@link
 * io.augur.chaos.metrics.ChaosExporter} serves them on {@code /metrics} (reading only what was
 * appended to the log since the last scrape) or writes them once, atomically, for node-exporter's
 * textfile collector.
 */
package io.augur.chaos.metrics;
