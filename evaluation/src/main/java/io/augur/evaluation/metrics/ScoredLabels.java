package io.augur.evaluation.metrics;

import java.util.Arrays;

/**
 * Scores and labels of one series, checked once (same length, finite scores) and swept once: for
 * each distinct score, taken as a threshold from the highest down, the number of labelled and of
 * unlabelled rows scoring at or above it. Every threshold-dependent figure is read off this sweep.
 */
public final class ScoredLabels {
  private final double[] scores;
  private final boolean[] labels;
  private final long positives;
  private final double[] thresholds;
  private final long[] truePositives;
  private final long[] falsePositives;

  public ScoredLabels(double[] scores, boolean[] labels) {
    if (scores == null || labels == null) {
      throw new IllegalArgumentException("scores and labels must not be null");
    }
    if (scores.length != labels.length) {
      throw new IllegalArgumentException(
          "scores and labels must have the same length, got "
              + scores.length
              + " and "
              + labels.length);
    }
    if (scores.length == 0) {
      throw new IllegalArgumentException("scores must not be empty");
    }
    for (int i = 0; i < scores.length; i++) {
      if (!Double.isFinite(scores[i])) {
        throw new IllegalArgumentException("scores[" + i + "] must be finite, got " + scores[i]);
      }
    }
    this.scores = scores.clone();
    this.labels = labels.clone();
    Integer[] order = new Integer[scores.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
    double[] th = new double[scores.length];
    long[] tp = new long[scores.length];
    long[] fp = new long[scores.length];
    int distinct = 0;
    long tpSoFar = 0;
    long fpSoFar = 0;
    for (int k = 0; k < order.length; k++) {
      int row = order[k];
      if (labels[row]) {
        tpSoFar++;
      } else {
        fpSoFar++;
      }
      boolean lastOfTie = k + 1 == order.length || scores[order[k + 1]] != scores[row];
      if (lastOfTie) {
        th[distinct] = scores[row];
        tp[distinct] = tpSoFar;
        fp[distinct] = fpSoFar;
        distinct++;
      }
    }
    this.positives = tpSoFar;
    this.thresholds = Arrays.copyOf(th, distinct);
    this.truePositives = Arrays.copyOf(tp, distinct);
    this.falsePositives = Arrays.copyOf(fp, distinct);
  }

  public int size() {
    return scores.length;
  }

  public long positives() {
    return positives;
  }

  public long negatives() {
    return scores.length - positives;
  }

  double[] scores() {
    return scores;
  }

  boolean[] labels() {
    return labels;
  }

  /** Distinct scores, highest first. */
  double[] thresholds() {
    return thresholds;
  }

  long truePositivesAt(int k) {
    return truePositives[k];
  }

  long falsePositivesAt(int k) {
    return falsePositives[k];
  }

  Confusion confusionAt(int k) {
    long tp = truePositives[k];
    long fp = falsePositives[k];
    return new Confusion(tp, fp, positives - tp, negatives() - fp);
  }

  /** Rows whose score is at or above {@code threshold}. */
  public boolean[] alarms(double threshold) {
    boolean[] alarms = new boolean[scores.length];
    for (int i = 0; i < scores.length; i++) {
      alarms[i] = scores[i] >= threshold;
    }
    return alarms;
  }
}
