package io.augur.evaluation.nab;

import java.util.List;

/**
 * One NAB series with its labelled windows.
 *
 * @param relativePath path under {@code data/}, e.g. {@code realKnownCause/nyc_taxi.csv}
 * @param timestamps the {@code timestamp} column exactly as written in the file
 * @param epochMillis the timestamps read as UTC instants, in milliseconds
 * @param values the {@code value} column
 * @param windows labelled windows as row indices, sorted and disjoint (empty for files without
 *     anomalies)
 */
public record NabDataFile(
    String relativePath,
    List<String> timestamps,
    long[] epochMillis,
    double[] values,
    List<NabWindow> windows) {

  /** NAB scores no row before {@code min(floor(0.15 * N), 750)}. */
  public static final double PROBATIONARY_PERCENT = 0.15;

  /** The cap of the scorer's probationary period: 0.15 x 5000 rows. */
  public static final int MAX_SCORED_PROBATION = 750;

  public NabDataFile {
    if (relativePath == null || !relativePath.contains("/") || !relativePath.endsWith(".csv")) {
      throw new IllegalArgumentException(
          "relativePath must look like <category>/<name>.csv, got " + relativePath);
    }
    timestamps = List.copyOf(timestamps);
    windows = List.copyOf(windows);
    if (epochMillis.length != timestamps.size() || values.length != timestamps.size()) {
      throw new IllegalArgumentException(
          "values ("
              + values.length
              + ") and epochMillis ("
              + epochMillis.length
              + ") must have one entry per timestamp ("
              + timestamps.size()
              + ") in "
              + relativePath);
    }
    int previousEnd = -1;
    for (NabWindow w : windows) {
      if (w.start() <= previousEnd || w.end() >= values.length) {
        throw new IllegalArgumentException(
            "windows must be sorted, disjoint and inside the file's "
                + values.length
                + " rows, got "
                + w
                + " in "
                + relativePath);
      }
      previousEnd = w.end();
    }
  }

  public int rows() {
    return values.length;
  }

  /** Directory part of the relative path, e.g. {@code realKnownCause}. */
  public String category() {
    return relativePath.substring(0, relativePath.indexOf('/'));
  }

  /** File name, e.g. {@code nyc_taxi.csv}. */
  public String fileName() {
    return relativePath.substring(relativePath.lastIndexOf('/') + 1);
  }

  /** The probationary length NAB tells its detectors: {@code floor(0.15 * N)}, not capped. */
  public int detectorProbationaryLength() {
    return (int) Math.floor(PROBATIONARY_PERCENT * rows());
  }

  /** Rows before this index are ignored by the scorer: {@code min(floor(0.15 * N), 750)}. */
  public int scoredFrom() {
    return Math.min(detectorProbationaryLength(), MAX_SCORED_PROBATION);
  }

  /** NAB's {@code label} column: 1 inside a labelled window, else 0. */
  public int[] labels() {
    int[] labels = new int[rows()];
    for (NabWindow w : windows) {
      for (int i = w.start(); i <= w.end(); i++) {
        labels[i] = 1;
      }
    }
    return labels;
  }
}
