package io.augur.models.ensemble;

import io.augur.domain.Checks;
import io.augur.models.LabelledWindow;
import io.augur.models.Standardizer;
import io.augur.models.WindowSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Names the most likely failure mode of an alerting window, and estimates how long until it fails.
 *
 * <p>Both read the window's {@link ModeFeatures} profile: which metrics deviate from normal, in
 * which direction, in level, change or spread. The mode is a multinomial logistic regression
 * ({@link Softmax}) over that profile, fitted on the failing training windows that carry a mode and
 * deviate visibly (some metric more than 3 normal standard deviations off), classes weighted
 * equally; "unknown" when the best class has probability below {@link #MIN_CONFIDENCE} or no metric
 * deviates more than 3 sd (no mode was learned from such windows). The time to failure, per mode,
 * is a ridge regression of {@code log(1 + minutes to failure)} on the same profile, fitted on that
 * mode's failing windows with a known failure time.
 *
 * <p>Bundles written before this existed hold only {@code centroids} (the mean z profile per mode,
 * matched by cosine similarity): they still classify that way and give no time estimate.
 *
 * @param centroids legacy: per mode id, the mean profile of its failing windows (empty when {@code
 *     weights} is set)
 * @param groups per schema feature, its metric group; null in legacy bundles
 * @param modes the class labels (mode ids), in the order of {@code weights}; null in legacy bundles
 * @param weights per class, the softmax weights ({@code [0]} intercept); null in legacy bundles
 * @param remaining per class, ridge weights for log(1 + minutes to failure), or null for a class
 *     without enough data
 */
public record ModeClassifier(
    Map<String, double[]> centroids,
    int windowSteps,
    int[] groups,
    List<String> modes,
    double[][] weights,
    double[][] remaining) {

  /** Below this probability of the best class, the mode is "unknown". */
  public static final double MIN_CONFIDENCE = 0.4;

  /**
   * Windows weaker than this profile strength (no metric 3 sd off) neither teach nor get a mode.
   */
  static final double MIN_STRENGTH = Math.log1p(3);

  private static final int MAX_ROWS = 4000;

  public ModeClassifier {
    centroids = new TreeMap<>(Checks.noNullEntries("centroids", centroids));
    if (weights != null && (groups == null || modes == null || modes.size() != weights.length)) {
      throw new IllegalArgumentException(
          "weights need groups and one mode per row, got modes " + modes);
    }
    modes = modes == null ? null : List.copyOf(modes);
    if (remaining != null && (weights == null || remaining.length != weights.length)) {
      throw new IllegalArgumentException("remaining needs one row (or null) per class of weights");
    }
  }

  /** A legacy classifier: nearest centroid only. */
  public ModeClassifier(Map<String, double[]> centroids, int windowSteps) {
    this(centroids, windowSteps, null, null, null, null);
  }

  public static ModeClassifier learn(
      List<LabelledWindow> labelled, Standardizer summary, int windowSteps) {
    List<LabelledWindow> modal =
        labelled.stream().filter(l -> l.failing() && l.mode() != null).toList();
    if (modal.isEmpty()) {
      return new ModeClassifier(Map.of(), windowSteps);
    }
    int[] groups = ModeFeatures.groups(modal.get(0).window().schema());
    int stride = Math.max(1, modal.size() / MAX_ROWS);
    List<double[]> xs = new ArrayList<>();
    List<String> ys = new ArrayList<>();
    List<Double> minutes = new ArrayList<>();
    for (int i = 0; i < modal.size(); i += stride) {
      LabelledWindow l = modal.get(i);
      double[] x = ModeFeatures.of(WindowSummary.row(l.window(), windowSteps), summary, groups);
      if (ModeFeatures.strength(x) < MIN_STRENGTH) {
        continue;
      }
      xs.add(x);
      ys.add(l.mode().id());
      minutes.add(
          l.failureTimeMs() == null
              ? null
              : Math.max(0, l.failureTimeMs() - l.window().timestampMs()) / 60_000.0);
    }
    List<String> classes = ys.stream().distinct().sorted().toList();
    if (classes.isEmpty()) {
      return new ModeClassifier(Map.of(), windowSteps);
    }
    int[] y = ys.stream().mapToInt(classes::indexOf).toArray();
    double[][] x = xs.toArray(double[][]::new);
    double[][] w =
        classes.size() == 1
            ? new double[][] {new double[x[0].length + 1]}
            : Softmax.fit(x, y, classes.size(), 1e-3, 400);
    double[][] remaining = new double[classes.size()][];
    for (int c = 0; c < classes.size(); c++) {
      List<double[]> cx = new ArrayList<>();
      List<Double> cy = new ArrayList<>();
      for (int i = 0; i < x.length; i++) {
        if (y[i] == c && minutes.get(i) != null) {
          cx.add(x[i]);
          cy.add(Math.log1p(minutes.get(i)));
        }
      }
      remaining[c] = cx.size() >= 20 ? Ridge.fit(cx, cy, 1.0) : null;
    }
    return new ModeClassifier(Map.of(), windowSteps, groups, classes, w, remaining);
  }

  /** The mode id of this summary row, or "unknown". */
  public String classify(double[] row, Standardizer s) {
    if (weights == null) {
      return nearestCentroid(row, s);
    }
    double[] x = ModeFeatures.of(row, s, groups);
    if (ModeFeatures.strength(x) < MIN_STRENGTH) {
      return "unknown"; // nothing deviates: no mode was learned from windows like this
    }
    double[] p = new double[weights.length];
    Softmax.probabilities(weights, x, p);
    int best = 0;
    for (int c = 1; c < p.length; c++) {
      if (p[c] > p[best]) {
        best = c;
      }
    }
    return p[best] >= MIN_CONFIDENCE || p.length == 1 ? modes.get(best) : "unknown";
  }

  /**
   * Estimated milliseconds until the failure of a window of mode {@code mode}, or null without an
   * estimate.
   */
  public Long remainingMs(double[] row, Standardizer s, String mode) {
    int c = modes == null ? -1 : modes.indexOf(mode);
    if (c < 0 || remaining == null || remaining[c] == null) {
      return null;
    }
    double minutes = Math.expm1(Ridge.predict(remaining[c], ModeFeatures.of(row, s, groups)));
    return (long) (Math.max(0, minutes) * 60_000);
  }

  private String nearestCentroid(double[] row, Standardizer s) {
    if (centroids.isEmpty()) {
      return "unknown";
    }
    double[] p = new double[row.length];
    for (int c = 0; c < row.length; c++) {
      p[c] = Math.max(-20, Math.min(20, s.z(c, row[c])));
    }
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

  /** The known failure modes this classifier names (legacy: its centroids' keys). */
  public List<String> knownModes() {
    return modes != null ? modes : List.copyOf(centroids.keySet());
  }
}
