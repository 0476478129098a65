package io.augur.evaluation.detect;

import java.util.Arrays;

/**
 * The rank of each new value among all the values before it: the share below it, ties counting
 * half. Keeps every value in a sorted array: O(n) memory and O(n) time per value (one insertion),
 * fine for NAB's longest series (22,695 points). Not thread-safe.
 */
public final class RunningRank {

  private double[] sorted = new double[1024];
  private int size;

  /** Values kept so far. */
  public int size() {
    return size;
  }

  /**
   * The rank of {@code x} among the values kept so far, in [0, 1] ({@code 0.5} while fewer than
   * {@code minHistory} are kept); then keeps {@code x}.
   */
  public double rankThenAdd(double x, int minHistory) {
    int at = bound(x, true);
    double rank = size < Math.max(1, minHistory) ? 0.5 : (bound(x, false) + at) / 2.0 / size;
    if (size == sorted.length) {
      sorted = Arrays.copyOf(sorted, size * 2);
    }
    System.arraycopy(sorted, at, sorted, at + 1, size - at);
    sorted[at] = x;
    size++;
    return rank;
  }

  /** How many kept values are below {@code x}, or at most {@code x} when {@code orEqual}. */
  private int bound(double x, boolean orEqual) {
    int lo = 0;
    int hi = size;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < x || orEqual && sorted[mid] == x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
