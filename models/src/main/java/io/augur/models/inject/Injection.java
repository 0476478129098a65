package io.augur.models.inject;

import io.augur.domain.Checks;
import io.augur.domain.FeatureVector;
import java.util.List;

/**
 * A series with one injected fault.
 *
 * @param vectors the series, fault applied from {@code onsetIndex} on
 * @param kind the fault's shape
 * @param onsetIndex the first faulty step
 * @param features the schema indices the fault touches
 */
public record Injection(
    List<FeatureVector> vectors, FaultKind kind, int onsetIndex, List<Integer> features) {
  public Injection {
    vectors = List.copyOf(Checks.noNullElements("vectors", vectors));
    Checks.nonNull("kind", kind);
    if (onsetIndex < 0 || onsetIndex >= vectors.size()) {
      throw new IllegalArgumentException(
          "onsetIndex must be within [0, " + vectors.size() + "), got " + onsetIndex);
    }
    features = List.copyOf(Checks.noNullElements("features", features));
  }
}
