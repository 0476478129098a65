package io.augur.models.ensemble;

import io.augur.domain.Checks;
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
 * @param bySubset key: member names sorted and joined with {@code +}
 * @param choice key: the members present; value: the subset whose combiner scores them
 */
public record Combiner(Map<String, LogisticRegression> bySubset, Map<String, String> choice) {

  public Combiner {
    bySubset = new TreeMap<>(Checks.noNullEntries("bySubset", bySubset));
    choice = new TreeMap<>(Checks.noNullEntries("choice", choice));
  }

  /** The subset of {@code presentKey}'s members whose combiner scores them. */
  public String chosen(String presentKey) {
    String c = choice.get(presentKey);
    if (c == null) {
      throw new IllegalStateException("no combiner chosen for members " + presentKey + "; known: " + choice.keySet());
    }
    return c;
  }

  public static String key(List<String> sortedNames) {
    return String.join("+", sortedNames);
  }

  /** Fits a combiner for every non-empty subset of {@code names} (sorted) from their probabilities {@code p[i][m]}. */
  public static Combiner fit(List<String> names, double[][] p, boolean[] y) {
    Map<String, LogisticRegression> out = new TreeMap<>();
    Map<Integer, Double> cvLoss = new TreeMap<>();
    int m = names.size();
    for (int mask = 1; mask < (1 << m); mask++) {
      double[][] x = columns(p, mask, m);
      out.put(key(subset(names, mask)), LogisticRegression.fit(x, y, 1e-3));
      cvLoss.put(mask, crossValidatedLoss(x, y, 5));
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
    return new Combiner(out, choice);
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

  /** Mean log loss of the combiner over {@code folds} interleaved folds (fit on the rest, scored on the fold). */
  static double crossValidatedLoss(double[][] x, boolean[] y, int folds) {
    double loss = 0;
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
        double q = Math.min(1 - 1e-9, Math.max(1e-9, lr.predict(x[i])));
        loss -= y[i] ? Math.log(q) : Math.log(1 - q);
      }
    }
    return loss / x.length;
  }

  public LogisticRegression forSubset(String key) {
    LogisticRegression lr = bySubset.get(key);
    if (lr == null) {
      throw new IllegalStateException("no combiner fitted for members " + key + "; fitted: " + bySubset.keySet());
    }
    return lr;
  }
}
