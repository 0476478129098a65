package io.augur.evaluation.detect;

import java.util.List;

/**
 * A weighted mean of several detectors' scores on the same series; weights are normalised to sum to
 * 1.
 */
public final class BlendedDetector implements StreamingDetector {

  private final List<StreamingDetector> members;
  private final double[] weights;

  public BlendedDetector(List<StreamingDetector> members, double[] weights) {
    if (members == null
        || members.isEmpty()
        || weights == null
        || weights.length != members.size()) {
      throw new IllegalArgumentException(
          "members and weights must be non-empty and of equal length, got "
              + (members == null ? null : members.size())
              + " and "
              + (weights == null ? null : weights.length));
    }
    double sum = 0;
    for (double w : weights) {
      if (!(w >= 0) || Double.isInfinite(w)) {
        throw new IllegalArgumentException("weights must be finite and >= 0, got " + w);
      }
      sum += w;
    }
    if (sum <= 0) {
      throw new IllegalArgumentException("weights must not all be 0");
    }
    this.members = List.copyOf(members);
    this.weights = new double[weights.length];
    for (int i = 0; i < weights.length; i++) {
      this.weights[i] = weights[i] / sum;
    }
  }

  @Override
  public void start(SeriesInfo series) {
    members.forEach(m -> m.start(series));
  }

  @Override
  public double score(long timestampMillis, double value) {
    double s = 0;
    for (int i = 0; i < weights.length; i++) {
      s += weights[i] * members.get(i).score(timestampMillis, value);
    }
    return Math.max(0.0, Math.min(1.0, s));
  }
}
