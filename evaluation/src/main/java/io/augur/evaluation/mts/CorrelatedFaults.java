package io.augur.evaluation.mts;

import io.augur.domain.FeatureVector;
import io.augur.models.inject.Injection;
import java.util.ArrayList;
import java.util.List;

/**
 * Spreads a fault injected by {@link io.augur.models.inject.FaultInjector} on 1-3 metrics to the
 * metrics correlated with them, as faults on a real server move a group of metrics together (CPU
 * with load, bytes with packets). Each metric {@code k} whose train correlation with a faulted
 * metric {@code j} is at least {@code minCorrelation} in absolute value receives {@code corr(j,k)}
 * times {@code j}'s injected change, in z units. Correlations come from the train rows only.
 */
final class CorrelatedFaults {
  private final double[][] correlation;
  private final double minCorrelation;

  private CorrelatedFaults(double[][] correlation, double minCorrelation) {
    this.correlation = correlation;
    this.minCorrelation = minCorrelation;
  }

  /**
   * Pearson correlations of the metrics over {@code train}; constant metrics correlate with
   * nothing.
   */
  static CorrelatedFaults fit(double[][] train, Standardiser s, double minCorrelation) {
    if (!(minCorrelation > 0 && minCorrelation <= 1)) {
      throw new IllegalArgumentException(
          "minCorrelation must be within (0, 1], got " + minCorrelation);
    }
    int d = s.metrics();
    double[] mean = new double[d];
    for (double[] row : train) {
      for (int j = 0; j < d; j++) {
        mean[j] += row[j] / train.length;
      }
    }
    double[][] cov = new double[d][d];
    double[] c = new double[d];
    for (double[] row : train) {
      for (int j = 0; j < d; j++) {
        c[j] = row[j] - mean[j];
      }
      for (int j = 0; j < d; j++) {
        for (int k = j; k < d; k++) {
          cov[j][k] += c[j] * c[k];
        }
      }
    }
    double[][] corr = new double[d][d];
    for (int j = 0; j < d; j++) {
      for (int k = j; k < d; k++) {
        double denom = Math.sqrt(cov[j][j] * cov[k][k]);
        corr[j][k] = denom > 1e-12 ? cov[j][k] / denom : (j == k ? 1 : 0);
        corr[k][j] = corr[j][k];
      }
    }
    return new CorrelatedFaults(corr, minCorrelation);
  }

  /**
   * {@code inj} with its change copied to the correlated metrics of {@code original} (the series
   * before injection).
   */
  Injection spread(Injection inj, List<FeatureVector> original) {
    List<FeatureVector> faulty = inj.vectors();
    List<Integer> touched = new ArrayList<>(inj.features());
    int d = correlation.length;
    List<FeatureVector> out = new ArrayList<>(faulty.size());
    for (int i = 0; i < faulty.size(); i++) {
      FeatureVector f = faulty.get(i);
      if (i < inj.onsetIndex()) {
        out.add(f);
        continue;
      }
      double[] before = original.get(i).values();
      double[] v = f.values();
      for (int j : inj.features()) {
        double change = v[j] - before[j];
        for (int k = 0; k < d; k++) {
          if (!inj.features().contains(k) && Math.abs(correlation[j][k]) >= minCorrelation) {
            v[k] += correlation[j][k] * change;
            if (!touched.contains(k)) {
              touched.add(k);
            }
          }
        }
      }
      out.add(
          new FeatureVector(f.component(), f.componentLabels(), f.timestampMs(), f.schema(), v));
    }
    return new Injection(out, inj.kind(), inj.onsetIndex(), touched);
  }
}
