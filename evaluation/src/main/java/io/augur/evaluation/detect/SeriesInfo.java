package io.augur.evaluation.detect;

/**
 * What a detector is told about a series before its first point, as NAB tells its detectors.
 *
 * @param name series name, e.g. {@code realKnownCause/nyc_taxi.csv}
 * @param length number of points the series will have
 * @param probationaryLength points the detector may spend learning: {@code floor(0.15 * length)} in
 *     NAB; the scorer ignores at most the first 750 of them
 */
public record SeriesInfo(String name, int length, int probationaryLength) {
  public SeriesInfo {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name must not be empty, got " + name);
    }
    if (length < 0) {
      throw new IllegalArgumentException("length must be >= 0, got " + length);
    }
    if (probationaryLength < 0 || probationaryLength > length) {
      throw new IllegalArgumentException(
          "probationaryLength must be within [0, length "
              + length
              + "], got "
              + probationaryLength);
    }
  }

  /**
   * The row where a detector that trains on at most the first {@code maxFrom} points starts scoring
   * this series: {@code min(probationaryLength, maxFrom)}. Post-processing steps that wrap such a
   * detector start there too.
   */
  public int scoringStart(int maxFrom) {
    return Math.min(probationaryLength, maxFrom);
  }
}
