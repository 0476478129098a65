package io.augur.features;

/**
 * Counters of what happened to a component's input, for metrics and reports.
 *
 * @param staleMarkers stale markers accepted (a subset of accepted and outOfOrder)
 * @param expiredSeries series dropped after their TTL
 * @param clampedValues feature values that overflowed (non-finite) and were clamped; 0 for sane
 *     input
 * @param liveSeries series currently held
 */
public record ExtractorStats(
    long accepted,
    long outOfOrder,
    long duplicates,
    long superseded,
    long late,
    long tooEarly,
    long overCap,
    long unknownMetric,
    long staleMarkers,
    long expiredSeries,
    long clampedValues,
    int liveSeries) {}
