package io.augur.models.ensemble;

import io.augur.models.ComponentWindow;
import io.augur.models.FailureModel;
import io.augur.models.Metrics;
import io.augur.models.ModelScore;
import io.augur.models.SyntheticData;
import io.augur.models.TrainedFixture;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Prints the figures the README's "Measured" section quotes; asserts nothing, and Surefire's
 * default includes skip it. Run on demand:
 * {@code mvn -o -pl models test -Dtest=QualityReport -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class QualityReport {

  static String table(double[] p, boolean[] y, List<ComponentWindow> w, int buckets) {
    StringBuilder sb = new StringBuilder();
    double ece = 0;
    double[][] rel = Metrics.reliability(p, y, buckets);
    for (int k = 0; k < buckets; k++) {
      double[] b = rel[k];
      java.util.Set<String> comps = new java.util.HashSet<>();
      for (int i = 0; i < p.length; i++) {
        if (Math.min(buckets - 1, (int) (p[i] * buckets)) == k) {
          comps.add(w.get(i).component());
        }
      }
      double se = Math.sqrt(Math.max(b[2] * (1 - b[2]), 1e-9) / Math.max(1, b[1]));
      sb.append(String.format(Locale.ROOT, "  [%.1f-%.1f) n=%5d comps=%3d pred=%.3f obs=%.3f off=%+.3f (%.1f se)%n", b[0],
          b[0] + 1.0 / buckets, (int) b[1], comps.size(), b[2], b[3], b[3] - b[2], b[1] == 0 ? 0 : Math.abs(b[3] - b[2]) / se));
      ece += b[1] * Math.abs(b[2] - b[3]) / p.length;
    }
    sb.append(String.format(Locale.ROOT, "  ECE %.4f  Brier %.4f  AUC %.4f%n", ece, Metrics.brier(p, y), Metrics.rocAuc(p, y)));
    return sb.toString();
  }

  @Test
  void reliability() {
    long t0 = System.nanoTime();
    Ensemble e = TrainedFixture.ensemble();
    System.out.printf(Locale.ROOT, "trained in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    List<ComponentWindow> w = SyntheticData.windows(TrainedFixture.testSet());
    boolean[] y = SyntheticData.labels(TrainedFixture.testSet());
    System.out.println("ensemble on seed " + (TrainedFixture.SEED + 1000) + ", " + w.size() + " windows:");
    System.out.print(table(e.probabilities(w), y, w, 5));
    for (FailureModel m : e.members().values()) {
      System.out.println(m.name() + ":");
      System.out.print(table(m.scoreBatch(w).stream().mapToDouble(ModelScore::probability).toArray(), y, w, 5));
    }
  }
}
