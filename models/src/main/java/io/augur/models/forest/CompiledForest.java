package io.augur.models.forest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.common.tree.LeafNode;
import org.tribuo.common.tree.Node;
import org.tribuo.common.tree.SplitNode;
import org.tribuo.common.tree.TreeModel;
import org.tribuo.ensemble.EnsembleModel;

/**
 * A trained Tribuo forest flattened into arrays for scoring: per tree, nodes with a column index, a
 * threshold (greater goes right, as Tribuo's {@code SplitNode}), children, and at leaves the
 * probability of "failing". The score is the mean leaf probability over trees, which is what
 * Tribuo's {@code FullyWeightedVotingCombiner} computes with unit weights; the test suite checks
 * the two agree. Tribuo's own prediction builds an {@code Example}, a sparse vector and a map per
 * row, which costs far more than walking forty shallow trees.
 */
final class CompiledForest {

  private final int[][] column;
  private final double[][] threshold;
  private final int[][] left;
  private final int[][] right;
  private final double[][] value;

  private CompiledForest(
      int[][] column, double[][] threshold, int[][] left, int[][] right, double[][] value) {
    this.column = column;
    this.threshold = threshold;
    this.left = left;
    this.right = right;
    this.value = value;
  }

  /** Flattens {@code model}'s trees; {@code columns} gives the input order of the feature names. */
  static CompiledForest of(Model<Label> model, String[] columns, String failing) {
    if (!(model instanceof EnsembleModel<Label> ensemble)) {
      throw new IllegalArgumentException(
          "model must be a Tribuo ensemble, got " + model.getClass().getName());
    }
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < columns.length; i++) {
      index.put(columns[i], i);
    }
    List<Model<Label>> trees = ensemble.getModels();
    int n = trees.size();
    int[][] col = new int[n][];
    double[][] thr = new double[n][];
    int[][] l = new int[n][];
    int[][] r = new int[n][];
    double[][] v = new double[n][];
    for (int t = 0; t < n; t++) {
      if (!(trees.get(t) instanceof TreeModel<Label> tree)) {
        throw new IllegalArgumentException("member " + t + " is not a Tribuo tree");
      }
      List<Node<Label>> nodes = new ArrayList<>();
      collect(tree.getRoot(), nodes);
      int k = nodes.size();
      col[t] = new int[k];
      thr[t] = new double[k];
      l[t] = new int[k];
      r[t] = new int[k];
      v[t] = new double[k];
      Map<Node<Label>, Integer> at = new java.util.IdentityHashMap<>();
      for (int i = 0; i < k; i++) {
        at.put(nodes.get(i), i);
      }
      for (int i = 0; i < k; i++) {
        Node<Label> node = nodes.get(i);
        if (node instanceof SplitNode<Label> s) {
          String name = tree.getFeatureIDMap().get(s.getFeatureID()).getName();
          Integer c = index.get(name);
          if (c == null) {
            throw new IllegalArgumentException(
                "tree " + t + " splits on unknown feature \"" + name + "\"");
          }
          col[t][i] = c;
          thr[t][i] = s.splitValue();
          l[t][i] = at.get(s.getLessThanOrEqual());
          r[t][i] = at.get(s.getGreaterThan());
        } else {
          LeafNode<Label> leaf = (LeafNode<Label>) node;
          col[t][i] = -1;
          Map<String, Label> dist = leaf.getDistribution();
          if (dist != null && !dist.isEmpty()) {
            Label f = dist.get(failing);
            v[t][i] = f == null ? 0.0 : f.getScore();
          } else {
            v[t][i] = leaf.getOutput().getLabel().equals(failing) ? 1.0 : 0.0;
          }
        }
      }
    }
    return new CompiledForest(col, thr, l, r, v);
  }

  private static void collect(Node<Label> node, List<Node<Label>> out) {
    out.add(node);
    if (node instanceof SplitNode<Label> s) {
      collect(s.getLessThanOrEqual(), out);
      collect(s.getGreaterThan(), out);
    }
  }

  /** Mean over trees of the leaf's probability of failing. */
  double score(double[] x) {
    double sum = 0;
    for (int t = 0; t < column.length; t++) {
      int[] c = column[t];
      int i = 0;
      while (c[i] >= 0) {
        i = x[c[i]] > threshold[t][i] ? right[t][i] : left[t][i];
      }
      sum += value[t][i];
    }
    return sum / column.length;
  }
}
