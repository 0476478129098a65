package io.augur.evaluation.nab;

/**
 * A labelled anomaly window of one data file, as inclusive row indices.
 *
 * @param start index of the first row of the window
 * @param end index of the last row of the window (inclusive, {@code >= start})
 */
public record NabWindow(int start, int end) {
  public NabWindow {
    if (start < 0) {
      throw new IllegalArgumentException("start must be >= 0, got " + start);
    }
    if (end < start) {
      throw new IllegalArgumentException("end must be >= start " + start + ", got " + end);
    }
  }

  /** Width in rows, both ends included. */
  public int width() {
    return end - start + 1;
  }

  public boolean contains(int row) {
    return row >= start && row <= end;
  }
}
