package io.augur.chaos.prom;

import java.util.OptionalDouble;

/** Evaluates an instant PromQL query to one number. */
public interface MetricsSource {
  /**
   * The query's value now: a scalar, or the largest sample of an instant vector (the worst series);
   * empty when the vector has no series.
   *
   * @throws MetricsUnavailableException when the query could not be answered
   */
  OptionalDouble query(String promql);
}
