package io.augur.evaluation.mts;

/**
 * One machine of an MTS dataset: its train rows (unlabelled), its test rows and one label per test
 * row. Arrays are [row][metric]; every row of both parts has the same number of metrics.
 */
public record MtsMachine(String name, double[][] train, double[][] test, boolean[] testLabels) {
  public MtsMachine {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name must not be empty, got " + name);
    }
    if (train == null || train.length == 0) {
      throw new IllegalArgumentException("train of " + name + " must have rows");
    }
    if (test == null || test.length == 0) {
      throw new IllegalArgumentException("test of " + name + " must have rows");
    }
    if (testLabels == null || testLabels.length != test.length) {
      throw new IllegalArgumentException(
          "testLabels of "
              + name
              + " must have one label per test row ("
              + test.length
              + "), got "
              + (testLabels == null ? "null" : testLabels.length));
    }
    int width = train[0].length;
    checkWidth(name + " train", train, width);
    checkWidth(name + " test", test, width);
  }

  public int metrics() {
    return train[0].length;
  }

  private static void checkWidth(String part, double[][] rows, int width) {
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != width) {
        throw new IllegalArgumentException(
            part + " row " + i + " must have " + width + " metrics, got " + rows[i].length);
      }
    }
  }
}
