package io.augur.models.inject;

import io.augur.domain.Checks;
import java.util.List;

/**
 * A component's raw series with one injected fault.
 *
 * @param series every series of the component, those of {@code metrics} changed from {@code
 *     onsetMs} on
 * @param kind the fault's shape
 * @param onsetMs the fault's first instant; samples before it are untouched
 * @param metrics the metrics the fault touches (every series of each)
 */
public record SeriesInjection(
    List<RawSeries> series, FaultKind kind, long onsetMs, List<String> metrics) {
  public SeriesInjection {
    series = List.copyOf(Checks.noNullElements("series", series));
    Checks.nonNull("kind", kind);
    metrics = List.copyOf(Checks.noNullElements("metrics", metrics));
    if (metrics.isEmpty()) {
      throw new IllegalArgumentException("metrics must name at least one metric");
    }
  }
}
