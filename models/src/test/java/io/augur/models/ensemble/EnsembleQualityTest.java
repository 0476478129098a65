package io.augur.models.ensemble;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.models.ComponentWindow;
import io.augur.models.FailureModel;
import io.augur.models.Metrics;
import io.augur.models.ModelScore;
import io.augur.models.SyntheticData;
import io.augur.models.TrainedFixture;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The ensemble earns its place over its members on data none of them saw (another seed): its Brier
 * score is no worse than the best member's and its ROC AUC at most {@value #AUC_SLACK} below the
 * best member's. It also prints the reliability tables the models README quotes ({@code mvn -o -pl
 * models test -Dtest=EnsembleQualityTest}); the calibration bounds themselves are asserted by
 * {@code CalibrationHoldsTest}.
 */
@Tag("statistical")
class EnsembleQualityTest {
  static final double AUC_SLACK = 0.005;

  static String table(double[] p, boolean[] y, List<ComponentWindow> w, int buckets) {
    StringBuilder sb = new StringBuilder();
    double ece = 0;
    double[][] rel = Metrics.reliability(p, y, buckets);
    for (int k = 0; k < buckets; k++) {
      double[] b = rel[k];
      Set<String> comps = new HashSet<>();
      for (int i = 0; i < p.length; i++) {
        if (Math.min(buckets - 1, (int) (p[i] * buckets)) == k) {
          comps.add(w.get(i).component());
        }
      }
      double se = Math.sqrt(Math.max(b[2] * (1 - b[2]), 1e-9) / Math.max(1, b[1]));
      sb.append(
          String.format(
              Locale.ROOT,
              "  [%.1f-%.1f) n=%5d comps=%3d pred=%.3f obs=%.3f off=%+.3f (%.1f se)%n",
              b[0],
              b[0] + 1.0 / buckets,
              (int) b[1],
              comps.size(),
              b[2],
              b[3],
              b[3] - b[2],
              b[1] == 0 ? 0 : Math.abs(b[3] - b[2]) / se));
      ece += b[1] * Math.abs(b[2] - b[3]) / p.length;
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "  ECE %.4f  Brier %.4f  AUC %.4f%n",
            ece,
            Metrics.brier(p, y),
            Metrics.rocAuc(p, y)));
    return sb.toString();
  }

  @Test
  void shouldScoreAtLeastAsWellAsItsBestMember() {
    long t0 = System.nanoTime();
    Ensemble e = TrainedFixture.ensemble();
    System.out.printf(Locale.ROOT, "trained in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    List<ComponentWindow> w = SyntheticData.windows(TrainedFixture.testSet());
    boolean[] y = SyntheticData.labels(TrainedFixture.testSet());
    System.out.println(
        "ensemble on seed " + (TrainedFixture.SEED + 1000) + ", " + w.size() + " windows:");
    double[] ensemble = e.probabilities(w);
    System.out.print(table(ensemble, y, w, 5));
    double bestBrier = Double.POSITIVE_INFINITY;
    double bestAuc = 0;
    String bestBrierMember = null;
    for (FailureModel m : e.members().values()) {
      double[] p = m.scoreBatch(w).stream().mapToDouble(ModelScore::probability).toArray();
      System.out.println(m.name() + ":");
      System.out.print(table(p, y, w, 5));
      if (Metrics.brier(p, y) < bestBrier) {
        bestBrier = Metrics.brier(p, y);
        bestBrierMember = m.name();
      }
      bestAuc = Math.max(bestAuc, Metrics.rocAuc(p, y));
    }
    double brier = Metrics.brier(ensemble, y);
    double auc = Metrics.rocAuc(ensemble, y);
    assertTrue(
        brier <= bestBrier,
        String.format(
            Locale.ROOT,
            "ensemble Brier %.4f > best member's (%s) %.4f",
            brier,
            bestBrierMember,
            bestBrier));
    assertTrue(
        auc >= bestAuc - AUC_SLACK,
        String.format(
            Locale.ROOT, "ensemble AUC %.4f < best member's %.4f - %.3f", auc, bestAuc, AUC_SLACK));
  }
}
