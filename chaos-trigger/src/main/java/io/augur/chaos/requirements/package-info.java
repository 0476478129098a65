/**
 * Resilience as code: requirements in YAML (component, availability target, max response time,
 * chaos tests, recovery SLA, data consistency), checked against recorded outcomes and Prometheus by
 * {@link io.augur.chaos.requirements.RequirementsValidator}, with a readable report.
 */
package io.augur.chaos.requirements;
