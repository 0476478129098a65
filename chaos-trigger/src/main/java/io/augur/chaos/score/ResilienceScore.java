package io.augur.chaos.score;

import java.util.List;
import java.util.Map;

/**
 * One service's score with every term: raw values, normalised values, where each came from
 * ("promql" or "outcomes"), and the terms that had no value.
 */
public record ResilienceScore(
    String service,
    double score,
    Map<ResilienceTerm, Double> raw,
    Map<ResilienceTerm, Double> normalised,
    Map<ResilienceTerm, String> sources,
    List<ResilienceTerm> missing) {
  public ResilienceScore {
    raw = Map.copyOf(raw);
    normalised = Map.copyOf(normalised);
    sources = Map.copyOf(sources);
    missing = List.copyOf(missing);
  }
}
