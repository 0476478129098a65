package io.augur.models.ensemble;

import io.augur.domain.Checks;
import io.augur.fleet.FailureMode;
import io.augur.models.LabelledWindow;
import io.augur.models.Standardizer;
import io.augur.models.WindowSummary;
import java.util.Map;
import java.util.TreeMap;

/**
 * Names the most likely failure mode by the nearest centroid (cosine similarity) of a window's
 * profile: the summary row's signed z-scores against normal, clipped to +-20. Centroids are learned
 * from failing training windows that carry a mode; with none, every mode is "unknown".
 *
 * @param centroids per mode id, the mean profile of its failing windows
 */
public record ModeClassifier(Map<String, double[]> centroids, int windowSteps) {

  public ModeClassifier {
    centroids = new TreeMap<>(Checks.noNullEntries("centroids", centroids));
  }

  public static ModeClassifier learn(Iterable<LabelledWindow> labelled, Standardizer summary, int windowSteps) {
    Map<String, double[]> sums = new TreeMap<>();
    Map<String, Integer> counts = new TreeMap<>();
    for (LabelledWindow l : labelled) {
      FailureMode m = l.mode();
      if (!l.failing() || m == null) {
        continue;
      }
      double[] prof = profile(WindowSummary.row(l.window(), windowSteps), summary);
      double[] s = sums.computeIfAbsent(m.id(), k -> new double[prof.length]);
      for (int c = 0; c < prof.length; c++) {
        s[c] += prof[c];
      }
      counts.merge(m.id(), 1, Integer::sum);
    }
    sums.forEach((k, s) -> {
      for (int c = 0; c < s.length; c++) {
        s[c] /= counts.get(k);
      }
    });
    return new ModeClassifier(sums, windowSteps);
  }

  static double[] profile(double[] row, Standardizer s) {
    double[] p = new double[row.length];
    for (int c = 0; c < row.length; c++) {
      p[c] = Math.max(-20, Math.min(20, s.z(c, row[c])));
    }
    return p;
  }

  /** The mode id nearest to this summary row, or "unknown". */
  public String classify(double[] row, Standardizer s) {
    if (centroids.isEmpty()) {
      return "unknown";
    }
    double[] p = profile(row, s);
    String best = "unknown";
    double bestSim = 0;
    for (Map.Entry<String, double[]> e : centroids.entrySet()) {
      double[] c = e.getValue();
      double dot = 0;
      double nc = 0;
      double np = 0;
      for (int i = 0; i < p.length; i++) {
        dot += p[i] * c[i];
        nc += c[i] * c[i];
        np += p[i] * p[i];
      }
      double sim = nc == 0 || np == 0 ? 0 : dot / Math.sqrt(nc * np);
      if (sim > bestSim) {
        bestSim = sim;
        best = e.getKey();
      }
    }
    return best;
  }
}
