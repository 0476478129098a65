package io.augur.evaluation.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * Augur's per-series feature classifier: scale-free window features of each point ({@link
 * WindowFeatures}: level, shift, slope, spread and flatness against the recent past) scored by a
 * per-series logistic classifier that is trained only on the series' own probationary period plus
 * synthetic faults injected into copies of it ({@link SyntheticFaults}). No labels of any file are
 * used.
 *
 * <p>The classifier is first trained when the scorer's probationary period ends ({@code min(P,
 * 750)} points) and retrained on the whole period P when that is longer. Before the first training
 * every point scores 0. The score is {@code sigmoid(logit / 10)}: the classifier's log-odds
 * compressed so that confident points stay distinct at the 12 significant digits NAB keeps.
 */
public final class FeatureClassifierDetector implements StreamingDetector {

  /** Training copies per fault kind. */
  static final int COPIES_PER_KIND = 3;

  private final long seed;
  private final List<Double> history = new ArrayList<>();
  private int probationaryLength;
  private int firstTraining;
  private WindowFeatures features;
  private LogisticClassifier classifier;

  public FeatureClassifierDetector() {
    this(17L);
  }

  /**
   * @param seed seed of the synthetic faults
   */
  public FeatureClassifierDetector(long seed) {
    this.seed = seed;
  }

  @Override
  public void start(SeriesInfo series) {
    probationaryLength = Math.max(series.probationaryLength(), 40);
    firstTraining = Math.min(probationaryLength, 750);
    features = WindowFeatures.forProbation(firstTraining);
  }

  @Override
  public double score(long timestampMillis, double value) {
    if (features == null) {
      start(new SeriesInfo("unnamed", 0, 0));
    }
    double[] f = features.add(value);
    if (history.size() < probationaryLength) {
      history.add(value);
      if (history.size() == firstTraining || history.size() == probationaryLength) {
        classifier = train(history.stream().mapToDouble(Double::doubleValue).toArray());
      }
    }
    if (classifier == null || f == null) {
      return 0.0;
    }
    return LogisticClassifier.sigmoid(classifier.logit(f) / 10.0);
  }

  /**
   * Trains on the clean history (normal) and on early points of faults injected into copies of it
   * (faulty).
   */
  LogisticClassifier train(double[] clean) {
    WindowFeatures shape = WindowFeatures.forProbation(firstTraining);
    int warmUp = shape.warmUp();
    int window = Math.max(3, warmUp / 13);
    List<double[]> rows = new ArrayList<>();
    List<Boolean> labels = new ArrayList<>();
    for (double[] r : featureRows(clean, 0, clean.length)) {
      rows.add(r);
      labels.add(false);
    }
    SyntheticFaults faults = new SyntheticFaults(seed ^ clean.length);
    int from = Math.max(warmUp + 2, clean.length / 2);
    int to = Math.max(from + 1, clean.length - 2 * window);
    for (SyntheticFaults.Kind kind : SyntheticFaults.Kind.values()) {
      for (int c = 0; c < COPIES_PER_KIND; c++) {
        int onset = Math.min(clean.length - 1, faults.onset(from, to));
        double[] faulty = faults.inject(clean, kind, onset);
        for (double[] r : featureRows(faulty, onset, Math.min(clean.length, onset + 3 * window))) {
          rows.add(r);
          labels.add(true);
        }
      }
    }
    boolean[] y = new boolean[labels.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = labels.get(i);
    }
    return LogisticClassifier.fit(rows.toArray(new double[0][]), y, 1e-3, 300);
  }

  /** Feature rows of points {@code [from, to)} of {@code series}, streaming from its start. */
  private List<double[]> featureRows(double[] series, int from, int to) {
    WindowFeatures wf = WindowFeatures.forProbation(firstTraining);
    List<double[]> out = new ArrayList<>();
    for (int i = 0; i < to; i++) {
      double[] f = wf.add(series[i]);
      if (f != null && i >= from) {
        out.add(f);
      }
    }
    return out;
  }
}
