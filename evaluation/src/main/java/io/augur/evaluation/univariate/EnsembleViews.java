package io.augur.evaluation.univariate;

import io.augur.models.ComponentWindow;
import io.augur.models.FailureModel;
import io.augur.models.LogisticRegression;
import io.augur.models.ensemble.Combiner;
import io.augur.models.ensemble.Ensemble;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Several views of one trained ensemble scored in one pass: the whole ensemble and any subsets of
 * its members (each member alone, say). Each member scores a window once; each view then combines
 * the calibrated probabilities of its members with the stacker the ensemble's {@link Combiner}
 * chose for exactly those members, which is what {@code ensemble.without(...)} followed by {@link
 * Ensemble#probabilities} computes, at a third of the cost for four views.
 */
public final class EnsembleViews {

  private final List<FailureModel> members;
  private final List<LogisticRegression> stacks = new ArrayList<>();
  private final List<int[]> inputs = new ArrayList<>();

  /**
   * @param views member subsets, each non-empty and within the ensemble's members
   */
  public EnsembleViews(Ensemble ensemble, List<Set<String>> views) {
    if (ensemble == null || views == null || views.isEmpty()) {
      throw new IllegalArgumentException(
          "ensemble and views must be given, got " + ensemble + ", " + views);
    }
    this.members = List.copyOf(ensemble.members().values());
    List<String> names = members.stream().map(FailureModel::name).toList();
    Combiner combiner = ensemble.combiner();
    for (Set<String> view : views) {
      if (view.isEmpty() || !names.containsAll(view)) {
        throw new IllegalArgumentException(
            "views must be non-empty subsets of " + names + ", got " + view);
      }
      String chosen = combiner.chosen(Combiner.key(view.stream().sorted().toList()));
      stacks.add(combiner.forSubset(chosen));
      inputs.add(List.of(chosen.split("\\+")).stream().mapToInt(names::indexOf).toArray());
    }
  }

  /** Each view's calibrated probability for {@code window}, in the order of the views. */
  public double[] probabilities(ComponentWindow window) {
    List<ComponentWindow> one = List.of(window);
    double[] logits = new double[members.size()];
    for (int m = 0; m < logits.length; m++) {
      logits[m] = LogisticRegression.logit(members.get(m).scoreBatch(one).get(0).probability());
    }
    double[] out = new double[stacks.size()];
    for (int v = 0; v < out.length; v++) {
      int[] in = inputs.get(v);
      double[] x = new double[in.length];
      for (int k = 0; k < in.length; k++) {
        x[k] = logits[in[k]];
      }
      out[v] = stacks.get(v).predict(x);
    }
    return out;
  }
}
