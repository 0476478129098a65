package io.augur.job.prometheus;

import java.util.List;

/**
 * One remote-read query: samples with {@code startMs <= t <= endMs} of the series the matchers
 * select.
 */
public record ReadQuery(long startMs, long endMs, List<LabelMatcher> matchers) {
  public ReadQuery {
    if (startMs < 0) {
      throw new IllegalArgumentException("startMs must be >= 0, got " + startMs);
    }
    if (endMs < startMs) {
      throw new IllegalArgumentException("endMs " + endMs + " must be >= startMs " + startMs);
    }
    if (matchers == null || matchers.isEmpty()) {
      throw new IllegalArgumentException("matchers must select something, got " + matchers);
    }
    for (int i = 0; i < matchers.size(); i++) {
      if (matchers.get(i) == null) {
        throw new IllegalArgumentException("matchers[" + i + "] must not be null");
      }
    }
    matchers = List.copyOf(matchers);
  }
}
