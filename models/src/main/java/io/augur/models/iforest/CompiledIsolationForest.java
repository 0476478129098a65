package io.augur.models.iforest;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import smile.anomaly.IsolationForest;
import smile.anomaly.IsolationTree;

/**
 * A trained Smile isolation forest flattened into arrays for scoring. Smile's node sends a row left
 * when {@code dot(x, slope) < bias}; with extension level 0 the slope has one non-zero entry, so
 * Smile spends a full d-wide dot product (and a virtual call) per node to multiply one column. Here
 * each node keeps only its non-zero slope terms (column, coefficient), in column order, so the sum is
 * the one Smile computes (adding the zero terms changes nothing for finite inputs); leaves keep their
 * path length. The score is Smile's: {@code 2^(-mean path / c)}. The test suite checks it against
 * Smile's own {@code score}.
 *
 * <p>Smile's trees are not public API in 3.1.1 (the node class is package-private), so they are read
 * by reflection once, when a model is trained or loaded. Immutable and thread-safe.
 */
final class CompiledIsolationForest {

  private static final int LEAF = -1;

  private final int[] roots; // per tree, the index of its root node
  private final int[] termStart; // node k's terms are [termStart[k], termStart[k + 1])
  private final int[] termColumn;
  private final double[] termCoef;
  private final double[] bias; // at a leaf: its path length
  private final int[] left; // LEAF at a leaf
  private final int[] right;
  private final double c;
  private final int columns;

  private CompiledIsolationForest(int[] roots, int[] termStart, int[] termColumn, double[] termCoef, double[] bias,
      int[] left, int[] right, double c, int columns) {
    this.roots = roots;
    this.termStart = termStart;
    this.termColumn = termColumn;
    this.termCoef = termCoef;
    this.bias = bias;
    this.left = left;
    this.right = right;
    this.c = c;
    this.columns = columns;
  }

  /** Flattens {@code forest}, whose rows have {@code columns} columns. */
  static CompiledIsolationForest of(IsolationForest forest, int columns) {
    if (columns < 1) {
      throw new IllegalArgumentException("columns must be >= 1, got " + columns);
    }
    Builder b = new Builder();
    IsolationTree[] trees = forest.trees();
    int[] roots = new int[trees.length];
    try {
      for (int t = 0; t < trees.length; t++) {
        roots[t] = b.add(Reflect.ROOT.get(trees[t]), columns);
      }
      double c = Reflect.C.getDouble(forest);
      return new CompiledIsolationForest(roots, b.termStarts(), b.termColumns.stream().mapToInt(Integer::intValue).toArray(),
          b.termCoefs.stream().mapToDouble(Double::doubleValue).toArray(), b.biases(), b.lefts(), b.rights(), c, columns);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("Smile's isolation trees cannot be read: " + e.getMessage(), e);
    }
  }

  int trees() {
    return roots.length;
  }

  int nodes() {
    return bias.length;
  }

  /** The anomaly score of one row (higher is more unusual), as Smile's {@code IsolationForest.score}. */
  double score(double[] x) {
    if (x.length != columns) {
      throw new IllegalArgumentException("x must have " + columns + " columns, got " + x.length);
    }
    double sum = 0;
    for (int root : roots) {
      sum += path(x, root);
    }
    return Math.pow(2.0, -(sum / roots.length) / c);
  }

  private double path(double[] x, int node) {
    int k = node;
    while (left[k] != LEAF) {
      int from = termStart[k];
      int to = termStart[k + 1];
      double dot = 0;
      for (int i = from; i < to; i++) {
        dot += x[termColumn[i]] * termCoef[i];
      }
      k = dot < bias[k] ? left[k] : right[k];
    }
    return bias[k];
  }

  /** Accumulates nodes depth first; children get indices after their parent. */
  private static final class Builder {
    final List<Integer> termStart = new ArrayList<>();
    final List<Integer> termColumns = new ArrayList<>();
    final List<Double> termCoefs = new ArrayList<>();
    final List<Double> bias = new ArrayList<>();
    final List<Integer> left = new ArrayList<>();
    final List<Integer> right = new ArrayList<>();

    int add(Object node, int columns) throws IllegalAccessException {
      int k = bias.size();
      termStart.add(termColumns.size());
      Object l = Reflect.LEFT.get(node);
      Object r = Reflect.RIGHT.get(node);
      if (l == null && r == null) {
        bias.add(Reflect.DEPTH.getDouble(node));
        left.add(LEAF);
        right.add(LEAF);
        return k;
      }
      if (l == null || r == null) {
        throw new IllegalStateException("an isolation tree node has one child only");
      }
      double[] slope = (double[]) Reflect.SLOPE.get(node);
      if (slope.length != columns) {
        throw new IllegalArgumentException("the forest splits rows of " + slope.length + " columns, expected " + columns);
      }
      for (int j = 0; j < slope.length; j++) {
        if (slope[j] != 0) {
          termColumns.add(j);
          termCoefs.add(slope[j]);
        }
      }
      bias.add(Reflect.BIAS.getDouble(node));
      left.add(0);
      right.add(0);
      left.set(k, add(l, columns));
      right.set(k, add(r, columns));
      return k;
    }

    int[] termStarts() {
      int[] out = new int[termStart.size() + 1];
      for (int i = 0; i < termStart.size(); i++) {
        out[i] = termStart.get(i);
      }
      out[out.length - 1] = termColumns.size();
      return out;
    }

    double[] biases() {
      return bias.stream().mapToDouble(Double::doubleValue).toArray();
    }

    int[] lefts() {
      return left.stream().mapToInt(Integer::intValue).toArray();
    }

    int[] rights() {
      return right.stream().mapToInt(Integer::intValue).toArray();
    }
  }

  /** The private fields of Smile 3.1.1's forest, tree and node. */
  private static final class Reflect {
    static final Field C = field(IsolationForest.class, "c");
    static final Field ROOT = field(IsolationTree.class, "root");
    static final Class<?> NODE = nodeClass();
    static final Field DEPTH = field(NODE, "depth");
    static final Field SLOPE = field(NODE, "slope");
    static final Field BIAS = field(NODE, "bias");
    static final Field LEFT = field(NODE, "left");
    static final Field RIGHT = field(NODE, "right");

    private static Class<?> nodeClass() {
      try {
        return Class.forName("smile.anomaly.IsolationTree$Node", false, IsolationTree.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("Smile's IsolationTree has no Node class: not Smile 3.1.1?", e);
      }
    }

    private static Field field(Class<?> c, String name) {
      try {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f;
      } catch (ReflectiveOperationException | RuntimeException e) {
        throw new IllegalStateException("cannot read " + c.getName() + "." + name + " (Smile 3.1.1 expected): " + e, e);
      }
    }
  }
}
