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
 * each node keeps only its non-zero slope terms (column, coefficient), in column order, so the sum
 * is the one Smile computes (adding the zero terms changes nothing for finite inputs); leaves keep
 * their path length. The score is Smile's: {@code 2^(-mean path / c)}. The test suite checks it
 * against Smile's own {@code score}.
 *
 * <p>Smile's trees are not public API in 3.1.1 (the node class is package-private), so they are
 * read by reflection once, when a model is trained or loaded. Immutable and thread-safe.
 */
final class CompiledIsolationForest {

  private static final int LEAF = -1;

  // node k: node[2k] = its column (a single-term split), LEAF, or -2 - m for multi-term split m;
  // node[2k + 1] = its first child (the second follows it). value[2k] = the coefficient,
  // value[2k + 1] = the bias, or at a leaf its path length. Children are adjacent, so a step down
  // is child + (goes right ? 1 : 0).
  private final int[] node;
  private final double[] value;
  private final int[] roots;
  private final int[] termStart; // multi-term split m's terms are [termStart[m], termStart[m + 1])
  private final int[] termColumn;
  private final double[] termCoef;
  private final double c;
  private final int columns;

  private CompiledIsolationForest(Builder b, int[] roots, double c, int columns) {
    this.node = b.node.stream().mapToInt(Integer::intValue).toArray();
    this.value = b.value.stream().mapToDouble(Double::doubleValue).toArray();
    this.roots = roots;
    int[] starts = new int[b.termStart.size() + 1];
    for (int i = 0; i < b.termStart.size(); i++) {
      starts[i] = b.termStart.get(i);
    }
    starts[starts.length - 1] = b.termColumn.size();
    this.termStart = starts;
    this.termColumn = b.termColumn.stream().mapToInt(Integer::intValue).toArray();
    this.termCoef = b.termCoef.stream().mapToDouble(Double::doubleValue).toArray();
    this.c = c;
    this.columns = columns;
  }

  /** Flattens {@code forest}, whose rows have {@code columns} columns. */
  static CompiledIsolationForest of(IsolationForest forest, int columns) {
    if (columns < 1) {
      throw new IllegalArgumentException("columns must be >= 1, got " + columns);
    }
    Builder b = new Builder(columns);
    IsolationTree[] trees = forest.trees();
    int[] roots = new int[trees.length];
    try {
      for (int t = 0; t < trees.length; t++) {
        roots[t] = b.addTree(Reflect.ROOT.get(trees[t]));
      }
      return new CompiledIsolationForest(b, roots, Reflect.C.getDouble(forest), columns);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(
          "Smile's isolation trees cannot be read: " + e.getMessage(), e);
    }
  }

  int trees() {
    return roots.length;
  }

  int nodes() {
    return value.length / 2;
  }

  /**
   * The anomaly score of one row (higher is more unusual), as Smile's {@code
   * IsolationForest.score}.
   */
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

  private double path(double[] x, int root) {
    int k = root;
    int col;
    while ((col = node[2 * k]) != LEAF) {
      double dot;
      if (col >= 0) {
        dot = x[col] * value[2 * k];
      } else {
        int m = -2 - col;
        dot = 0;
        for (int i = termStart[m]; i < termStart[m + 1]; i++) {
          dot += x[termColumn[i]] * termCoef[i];
        }
      }
      k = node[2 * k + 1] + (dot < value[2 * k + 1] ? 0 : 1);
    }
    return value[2 * k + 1];
  }

  /** Lays out each tree breadth first, the two children of a split side by side. */
  private static final class Builder {
    final int columns;
    final List<Integer> node = new ArrayList<>();
    final List<Double> value = new ArrayList<>();
    final List<Integer> termStart = new ArrayList<>();
    final List<Integer> termColumn = new ArrayList<>();
    final List<Double> termCoef = new ArrayList<>();

    Builder(int columns) {
      this.columns = columns;
    }

    int addTree(Object root) throws IllegalAccessException {
      int first = allocate();
      java.util.ArrayDeque<Object[]> queue = new java.util.ArrayDeque<>();
      queue.add(new Object[] {root, first});
      while (!queue.isEmpty()) {
        Object[] next = queue.poll();
        Object n = next[0];
        int k = (Integer) next[1];
        Object l = Reflect.LEFT.get(n);
        Object r = Reflect.RIGHT.get(n);
        if (l == null && r == null) {
          set(k, LEAF, 0, 0, Reflect.DEPTH.getDouble(n));
          continue;
        }
        if (l == null || r == null) {
          throw new IllegalStateException("an isolation tree node has one child only");
        }
        int child = allocate();
        allocate();
        splitAt(k, (double[]) Reflect.SLOPE.get(n), Reflect.BIAS.getDouble(n), child);
        queue.add(new Object[] {l, child});
        queue.add(new Object[] {r, child + 1});
      }
      return first;
    }

    private int allocate() {
      int k = node.size() / 2;
      node.add(LEAF);
      node.add(0);
      value.add(0.0);
      value.add(0.0);
      return k;
    }

    private void set(int k, int col, int child, double coef, double bias) {
      node.set(2 * k, col);
      node.set(2 * k + 1, child);
      value.set(2 * k, coef);
      value.set(2 * k + 1, bias);
    }

    private void splitAt(int k, double[] slope, double bias, int child) {
      if (slope.length != columns) {
        throw new IllegalArgumentException(
            "the forest splits rows of " + slope.length + " columns, expected " + columns);
      }
      int terms = 0;
      int only = -1;
      for (int j = 0; j < slope.length; j++) {
        if (slope[j] != 0) {
          terms++;
          only = j;
        }
      }
      if (terms == 1) {
        set(k, only, child, slope[only], bias);
        return;
      }
      // several terms (extension level > 0), or none: Smile's dot over the non-zero ones, in column
      // order
      termStart.add(termColumn.size());
      for (int j = 0; j < slope.length; j++) {
        if (slope[j] != 0) {
          termColumn.add(j);
          termCoef.add(slope[j]);
        }
      }
      set(k, -2 - (termStart.size() - 1), child, 0, bias);
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
        return Class.forName(
            "smile.anomaly.IsolationTree$Node", false, IsolationTree.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(
            "Smile's IsolationTree has no Node class: not Smile 3.1.1?", e);
      }
    }

    private static Field field(Class<?> c, String name) {
      try {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f;
      } catch (ReflectiveOperationException | RuntimeException e) {
        throw new IllegalStateException(
            "cannot read " + c.getName() + "." + name + " (Smile 3.1.1 expected): " + e, e);
      }
    }
  }
}
