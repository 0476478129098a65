package io.augur.job.skeleton;

/**
 * Per-component state of {@link SkeletonScorer}: primitive arrays, one slot per metric (a Flink
 * POJO).
 */
public class SkeletonState {
  public long[] count;
  public double[] fast;
  public double[] slowMean;
  public double[] slowVar;
  public double[] jitter;
  public double[] prev;
  public double[] lastRaw;
  public long[] lastTs;
  public long step;

  /** Timestamp of the newest sample folded in (negative before the first). */
  public long lastSeenMs;

  public SkeletonState() {}

  public static SkeletonState forSlots(int n) {
    SkeletonState s = new SkeletonState();
    s.count = new long[n];
    s.fast = new double[n];
    s.slowMean = new double[n];
    s.slowVar = new double[n];
    s.jitter = new double[n];
    s.prev = new double[n];
    s.lastRaw = new double[n];
    s.lastTs = new long[n];
    s.lastSeenMs = -1;
    return s;
  }
}
