package io.augur.evaluation.nab;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A detector's NAB result under one profile at one corpus-wide threshold.
 *
 * @param detector detector name
 * @param profile profile name
 * @param threshold the corpus-wide threshold used
 * @param thresholdSource {@code stored} (from {@code config/thresholds.json}) or {@code optimised}
 * @param rawScore S_D, the sum of the file scores
 * @param normalisedScore NAB score: 0 for the null detector, 100 for the perfect one
 * @param categories per-category results at the same threshold, by category name
 * @param fileScores raw score of each file, by relative path
 */
public record ProfileScore(
    String detector,
    String profile,
    double threshold,
    String thresholdSource,
    double rawScore,
    double normalisedScore,
    Map<String, CategoryScore> categories,
    Map<String, Double> fileScores) {

  public ProfileScore {
    categories = Collections.unmodifiableMap(new LinkedHashMap<>(categories));
    fileScores = Collections.unmodifiableMap(new LinkedHashMap<>(fileScores));
  }

  /**
   * One category's share of the score.
   *
   * @param rawScore sum of the category's file scores
   * @param windows labelled windows in the category
   * @param normalisedScore the category normalised against its own null and perfect scores; NaN
   *     without windows
   */
  public record CategoryScore(double rawScore, int windows, double normalisedScore) {}
}
