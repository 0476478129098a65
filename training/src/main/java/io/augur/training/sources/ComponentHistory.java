package io.augur.training.sources;

import io.augur.domain.Checks;
import io.augur.models.inject.RawSeries;
import java.util.List;

/**
 * One component's raw history from a source, with the labelled spans that apply to it.
 *
 * @param key unique within the source (e.g. {@code fleet-1000:checkout/checkout-0:8080}); the
 *     component id itself may repeat across keys (several simulated fleets)
 * @param component the component id the feature layer gives these series
 * @param series every series of the component (each in time order)
 * @param spans real labels, in priority order (the first span holding a window's end decides)
 */
public record ComponentHistory(
    String key, String component, List<RawSeries> series, List<LabelSpan> spans) {
  public ComponentHistory {
    Checks.nonBlank("key", key);
    Checks.nonBlank("component", component);
    series = List.copyOf(Checks.noNullElements("series", series));
    spans = List.copyOf(Checks.noNullElements("spans", spans == null ? List.of() : spans));
  }

  /**
   * With {@code first} before the spans it has: a window takes the first span containing its end.
   */
  public ComponentHistory withLeadingSpans(List<LabelSpan> first) {
    List<LabelSpan> all = new java.util.ArrayList<>(first);
    all.addAll(spans);
    return new ComponentHistory(key, component, series, all);
  }

  public ComponentHistory withSpans(List<LabelSpan> more) {
    List<LabelSpan> all = new java.util.ArrayList<>(spans);
    all.addAll(more);
    return new ComponentHistory(key, component, series, all);
  }

  /** First sample time over all series ({@link Long#MAX_VALUE} when empty). */
  public long startMs() {
    return series.stream()
        .filter(s -> s.size() > 0)
        .mapToLong(s -> s.timestampsMs()[0])
        .min()
        .orElse(Long.MAX_VALUE);
  }

  /** Last sample time over all series ({@link Long#MIN_VALUE} when empty). */
  public long endMs() {
    return series.stream()
        .filter(s -> s.size() > 0)
        .mapToLong(s -> s.timestampsMs()[s.size() - 1])
        .max()
        .orElse(Long.MIN_VALUE);
  }

  public long samples() {
    return series.stream().mapToLong(RawSeries::size).sum();
  }
}
