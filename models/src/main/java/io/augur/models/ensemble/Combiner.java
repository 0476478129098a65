package io.augur.models.ensemble;

import io.augur.domain.Checks;
import io.augur.models.Calibration;
import io.augur.models.LogisticRegression;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stacked logistic regression over the members' calibrated probabilities (as logits), one fitted
 * per non-empty subset of members on held-out data. For each set of members that may be present,
 * {@code choice} names the subset of them whose combiner had the lowest 5-fold cross-validated log
 * loss on that held-out data: a member that only adds noise gets no weight (its own probability is
 * still reported). A missing or untrained member is left out, never read as a zero.
 *
 * <p>With enough held-out data (at least {@link #MIN_ISOTONIC} failing and as many normal windows)
 * each subset's combiner also gets an output calibration: isotonic regression of the labels on the
 * combiner's cross-validated predictions. A logistic stack is a sigmoid of a sum; the observed
 * failure rate need not be, and in the middle range it was not (over-confident by up to 0.3
 * before). Bundles written before this existed have no output calibrations: identity.
 *
 * @param bySubset key: member names sorted and joined with {@code +}
 * @param choice key: the members present; value: the subset whose combiner scores them
 * @param outputs key: as {@code bySubset}; the calibration of that combiner's output (absent:
 *     identity)
 */
public record Combiner(
    Map<String, LogisticRegression> bySubset,
    Map<String, String> choice,
    Map<String, Calibration> outputs) {

  /**
   * Failing (and normal) held-out windows needed before an isotonic output calibration is fitted.
   */
  public static final int MIN_ISOTONIC = 200;

  public Combiner {
    bySubset = new TreeMap<>(Checks.noNullEntries("bySubset", bySubset));
    choice = new TreeMap<>(Checks.noNullEntries("choice", choice));
    outputs = new TreeMap<>(Checks.noNullEntries("outputs", outputs == null ? Map.of() : outputs));
    for (String k : outputs.keySet()) {
      if (!bySubset.containsKey(k)) {
        throw new IllegalArgumentException("outputs: no combiner fitted for \"" + k + "\"");
      }
    }
  }

  /** Without output calibrations (as bundles of format 1 before they existed). */
  public Combiner(Map<String, LogisticRegression> bySubset, Map<String, String> choice) {
    this(bySubset, choice, Map.of());
  }

  /** The calibration of subset {@code key}'s combiner output; identity when none was fitted. */
  public Calibration output(String key) {
    return outputs.getOrDefault(key, Calibration.identity());
  }

  /** The subset of {@code presentKey}'s members whose combiner scores them. */
  public String chosen(String presentKey) {
    String c = choice.get(presentKey);
    if (c == null) {
      throw new IllegalStateException(
          "no combiner chosen for members " + presentKey + "; known: " + choice.keySet());
    }
    return c;
  }

  public static String key(List<String> sortedNames) {
    return String.join("+", sortedNames);
  }

  /**
   * Fits a combiner for every non-empty subset of {@code names} (sorted) from their probabilities
   * {@code p[i][m]}.
   */
  public static Combiner fit(List<String> names, double[][] p, boolean[] y) {
    Map<String, LogisticRegression> out = new TreeMap<>();
    Map<String, Calibration> outputs = new TreeMap<>();
    Map<Integer, Double> cvLoss = new TreeMap<>();
    int m = names.size();
    int pos = 0;
    for (boolean b : y) {
      pos += b ? 1 : 0;
    }
    boolean isotonic = pos >= MIN_ISOTONIC && y.length - pos >= MIN_ISOTONIC;
    for (int mask = 1; mask < (1 << m); mask++) {
      double[][] x = columns(p, mask, m);
      String k = key(subset(names, mask));
      out.put(k, LogisticRegression.fit(x, y, 1e-3));
      double[] cv = crossValidated(x, y, 5);
      cvLoss.put(mask, logLoss(cv, y));
      if (isotonic) {
        outputs.put(k, Calibration.isotonic(cv, y));
      }
    }
    Map<String, String> choice = new TreeMap<>();
    for (int present = 1; present < (1 << m); present++) {
      int best = present;
      for (int sub = present; sub > 0; sub = (sub - 1) & present) {
        if (cvLoss.get(sub) < cvLoss.get(best) - 1e-4) {
          best = sub;
        }
      }
      choice.put(key(subset(names, present)), key(subset(names, best)));
    }
    return new Combiner(out, choice, outputs);
  }

  private static List<String> subset(List<String> names, int mask) {
    List<String> sub = new java.util.ArrayList<>();
    for (int j = 0; j < names.size(); j++) {
      if ((mask & (1 << j)) != 0) {
        sub.add(names.get(j));
      }
    }
    return sub;
  }

  private static double[][] columns(double[][] p, int mask, int m) {
    int k = Integer.bitCount(mask);
    double[][] x = new double[p.length][k];
    for (int i = 0; i < p.length; i++) {
      int c = 0;
      for (int j = 0; j < m; j++) {
        if ((mask & (1 << j)) != 0) {
          x[i][c++] = LogisticRegression.logit(p[i][j]);
        }
      }
    }
    return x;
  }

  /**
   * Each row's prediction by a combiner fitted without its fold ({@code folds} interleaved folds).
   */
  static double[] crossValidated(double[][] x, boolean[] y, int folds) {
    double[] out = new double[x.length];
    for (int f = 0; f < folds; f++) {
      List<double[]> tx = new java.util.ArrayList<>();
      List<Boolean> ty = new java.util.ArrayList<>();
      for (int i = 0; i < x.length; i++) {
        if (i % folds != f) {
          tx.add(x[i]);
          ty.add(y[i]);
        }
      }
      boolean[] tyArr = new boolean[ty.size()];
      for (int i = 0; i < tyArr.length; i++) {
        tyArr[i] = ty.get(i);
      }
      LogisticRegression lr = LogisticRegression.fit(tx.toArray(double[][]::new), tyArr, 1e-3);
      for (int i = f; i < x.length; i += folds) {
        out[i] = lr.predict(x[i]);
      }
    }
    return out;
  }

  static double logLoss(double[] p, boolean[] y) {
    double loss = 0;
    for (int i = 0; i < p.length; i++) {
      double q = Math.min(1 - 1e-9, Math.max(1e-9, p[i]));
      loss -= y[i] ? Math.log(q) : Math.log(1 - q);
    }
    return loss / p.length;
  }

  public LogisticRegression forSubset(String key) {
    LogisticRegression lr = bySubset.get(key);
    if (lr == null) {
      throw new IllegalStateException(
          "no combiner fitted for members " + key + "; fitted: " + bySubset.keySet());
    }
    return lr;
  }
}
