package io.augur.evaluation.metrics;

import java.util.List;

/**
 * Point-wise figures: each row counts on its own. {@link #bestPointAdjusted} is the point-adjusted
 * F1 of the literature (any alarm inside a labelled segment marks the whole segment detected); it
 * is reported only for comparison with papers, never as Augur's figure.
 */
public final class PointMetrics {
  private PointMetrics() {}

  /** Counts at {@code threshold}: rows scoring at or above it are alarms. */
  public static Confusion at(ScoredLabels data, double threshold) {
    double[] scores = data.scores();
    boolean[] labels = data.labels();
    long tp = 0;
    long fp = 0;
    for (int i = 0; i < scores.length; i++) {
      if (scores[i] >= threshold) {
        if (labels[i]) {
          tp++;
        } else {
          fp++;
        }
      }
    }
    return new Confusion(tp, fp, data.positives() - tp, data.negatives() - fp);
  }

  /**
   * The highest point-wise F1 over every threshold (the distinct scores); on ties the highest
   * threshold. It is chosen with the labels, so it is an upper bound on what a deployed threshold
   * achieves, as in the papers it is compared with.
   */
  public static ThresholdF1 best(ScoredLabels data) {
    double[] th = data.thresholds();
    int bestK = 0;
    double bestF1 = -1.0;
    for (int k = 0; k < th.length; k++) {
      double f1 = data.confusionAt(k).f1();
      if (f1 > bestF1) {
        bestF1 = f1;
        bestK = k;
      }
    }
    return new ThresholdF1(th[bestK], data.confusionAt(bestK));
  }

  /**
   * The best point-adjusted F1 over every threshold. Point adjustment: if any row of a labelled
   * segment is an alarm, every row of that segment counts as a true positive; rows outside segments
   * count as usual. Known to inflate scores (a random score can reach a high value); for comparison
   * with papers only.
   */
  public static ThresholdF1 bestPointAdjusted(ScoredLabels data) {
    double[] scores = data.scores();
    List<Segment> events = Segment.runsOf(data.labels());
    double[] segMax = new double[events.size()];
    int[] segLen = new int[events.size()];
    Integer[] order = new Integer[events.size()];
    for (int s = 0; s < events.size(); s++) {
      Segment seg = events.get(s);
      double max = Double.NEGATIVE_INFINITY;
      for (int i = seg.start(); i < seg.end(); i++) {
        max = Math.max(max, scores[i]);
      }
      segMax[s] = max;
      segLen[s] = seg.length();
      order[s] = s;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(segMax[b], segMax[a]));
    double[] th = data.thresholds();
    long positives = data.positives();
    int next = 0;
    long adjustedTp = 0;
    ThresholdF1 best = null;
    for (int k = 0; k < th.length; k++) {
      while (next < order.length && segMax[order[next]] >= th[k]) {
        adjustedTp += segLen[order[next]];
        next++;
      }
      long fp = data.falsePositivesAt(k);
      Confusion c = new Confusion(adjustedTp, fp, positives - adjustedTp, data.negatives() - fp);
      if (best == null || c.f1() > best.f1()) {
        best = new ThresholdF1(th[k], c);
      }
    }
    return best;
  }
}
