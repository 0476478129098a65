package io.augur.evaluation.nab;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One detector's anomaly scores over (part of) the corpus: one score in [0, 1] per data row, by
 * relative path.
 *
 * @param detector detector name, e.g. {@code windowedGaussian}
 * @param scoresByFile scores by relative path ({@code <category>/<name>.csv}), aligned by row with
 *     the data
 */
public record DetectorScores(String detector, Map<String, double[]> scoresByFile) {
  public DetectorScores {
    if (detector == null || detector.isBlank()) {
      throw new IllegalArgumentException("detector must not be empty, got " + detector);
    }
    scoresByFile = Collections.unmodifiableMap(new LinkedHashMap<>(scoresByFile));
    for (Map.Entry<String, double[]> e : scoresByFile.entrySet()) {
      double[] s = e.getValue();
      for (int i = 0; i < s.length; i++) {
        if (!(s[i] >= 0.0 && s[i] <= 1.0)) {
          throw new IllegalArgumentException(
              "scores must be within [0, 1]; "
                  + detector
                  + " gave "
                  + s[i]
                  + " at row "
                  + i
                  + " of "
                  + e.getKey());
        }
      }
    }
  }

  /** The scores of one file; fails naming the file when the detector has none for it. */
  public double[] scores(String relativePath) {
    double[] s = scoresByFile.get(relativePath);
    if (s == null) {
      throw new IllegalArgumentException(detector + " has no scores for " + relativePath);
    }
    return s;
  }
}
