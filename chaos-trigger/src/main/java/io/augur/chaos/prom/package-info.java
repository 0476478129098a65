/**
 * Reading numbers from Prometheus: the {@link io.augur.chaos.prom.MetricsSource} interface, an HTTP
 * implementation against {@code /api/v1/query} with retries and backoff, and an in-memory one for
 * tests and offline runs.
 */
package io.augur.chaos.prom;
