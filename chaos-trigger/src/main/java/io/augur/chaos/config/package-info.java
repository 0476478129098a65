/**
 * The planner's configuration in one place: health queries and threshold, abort conditions,
 * resilience-score targets and PromQL, requirement queries and the Prometheus client's retry
 * settings. {@link io.augur.chaos.config.ChaosConfig#defaults()} is the reference; the shipped
 * {@code examples/chaos-config.yaml} is checked against it in tests.
 */
package io.augur.chaos.config;
