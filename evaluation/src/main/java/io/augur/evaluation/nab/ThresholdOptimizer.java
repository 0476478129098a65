package io.augur.evaluation.nab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * NAB's current threshold optimiser (sweep scoring, PR #328): one corpus-wide threshold per
 * detector and profile. The scorable rows of every file are pooled and sorted by anomaly score,
 * highest first; the corpus score is tracked while the threshold sweeps down through 1.1 (nothing
 * flagged) and every distinct score. The best score wins; on a tie the higher threshold wins.
 */
public final class ThresholdOptimizer {

  /** The threshold that flags nothing, where the sweep starts. */
  public static final double NOTHING_FLAGGED = 1.1;

  private ThresholdOptimizer() {}

  /** A candidate threshold with the raw corpus score it gives. */
  public record Candidate(double threshold, double rawScore) {}

  /** The best corpus-wide threshold for {@code scores} under {@code profile}. */
  public static Candidate optimise(List<NabSweep> sweeps, DetectorScores scores) {
    List<Candidate> curve = sweepCurve(sweeps, scores);
    Candidate best = curve.get(0);
    for (Candidate c : curve) {
      if (c.rawScore() > best.rawScore()) {
        best = c;
      }
    }
    return best;
  }

  /** Raw corpus score at 1.1 and at every distinct anomaly score, in descending threshold order. */
  public static List<Candidate> sweepCurve(List<NabSweep> sweeps, DetectorScores scores) {
    int total = 0;
    for (NabSweep s : sweeps) {
      total += s.rows() - s.file().scoredFrom();
    }
    double[] anomaly = new double[total];
    double[] value = new double[total];
    int[] window = new int[total];
    int k = 0;
    int windowBase = 0;
    int scorableWindows = 0;
    double fnWeight = sweeps.isEmpty() ? 1.0 : sweeps.get(0).profile().fnWeight();
    for (NabSweep s : sweeps) {
      double[] fileScores = scores.scores(s.file().relativePath());
      for (int i = 0; i < s.rows(); i++) {
        int w = s.windowOf(i);
        if (w == NabSweep.PROBATIONARY) {
          continue;
        }
        anomaly[k] = fileScores[i];
        value[k] = s.value(i);
        window[k] = w >= 0 ? windowBase + w : -1;
        k++;
      }
      windowBase += s.file().windows().size();
      scorableWindows += s.scorableWindows();
    }
    Integer[] order = new Integer[total];
    for (int i = 0; i < total; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(anomaly[b], anomaly[a]));

    double[] best = new double[windowBase];
    Arrays.fill(best, -fnWeight);
    double windowsPart = -fnWeight * scorableWindows;
    double falsePositives = 0.0;
    List<Candidate> curve = new ArrayList<>();
    double current = NOTHING_FLAGGED;
    for (Integer boxed : order) {
      int r = boxed;
      if (anomaly[r] != current) {
        curve.add(new Candidate(current, falsePositives + windowsPart));
        current = anomaly[r];
      }
      if (window[r] < 0) {
        falsePositives += value[r];
      } else if (value[r] > best[window[r]]) {
        windowsPart += value[r] - best[window[r]];
        best[window[r]] = value[r];
      }
    }
    curve.add(new Candidate(current, falsePositives + windowsPart));
    return curve;
  }
}
