package io.augur.models.lstm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Batcher's odd-even merge sorting network for {@code n} values: a fixed list of compare-exchange
 * pairs, each done without a branch (max to the lower index, min to the higher). The LSTM's horizon
 * classifier sorts every step's |z| (8 steps x d features per window); an insertion sort's
 * mispredicted branches were a sixth of the LSTM's scoring time. The network for the next power of
 * two is used with the pairs that reach past {@code n} dropped, which is the same as padding with
 * values below all others. The sorted values are the same as any sort's.
 */
final class SortNetwork {

  private static final ConcurrentHashMap<Integer, int[]> PAIRS = new ConcurrentHashMap<>();

  private SortNetwork() {}

  /** The compare-exchange pairs for {@code n} values, flattened: lo0, hi0, lo1, hi1, ... */
  static int[] pairs(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be >= 1, got " + n);
    }
    return PAIRS.computeIfAbsent(n, SortNetwork::build);
  }

  private static int[] build(int n) {
    int size = Integer.highestOneBit(n) == n ? n : Integer.highestOneBit(n) << 1;
    List<Integer> out = new ArrayList<>();
    for (int p = 1; p < size; p <<= 1) {
      for (int k = p; k >= 1; k >>= 1) {
        for (int j = k % p; j <= size - 1 - k; j += 2 * k) {
          for (int i = 0; i <= Math.min(k - 1, size - j - k - 1); i++) {
            int lo = i + j;
            int hi = i + j + k;
            if (lo / (2 * p) == hi / (2 * p) && hi < n) {
              out.add(lo);
              out.add(hi);
            }
          }
        }
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Replaces {@code a[from .. from + n)} by their absolute values, largest first; {@code pairs} is
   * {@link #pairs}{@code (n)}.
   */
  static void sortAbsDescending(float[] a, int from, int n, int[] pairs) {
    for (int i = from; i < from + n; i++) {
      a[i] = Math.abs(a[i]);
    }
    for (int p = 0; p < pairs.length; p += 2) {
      int lo = from + pairs[p];
      int hi = from + pairs[p + 1];
      float x = a[lo];
      float y = a[hi];
      a[lo] = Math.max(x, y);
      a[hi] = Math.min(x, y);
    }
  }
}
