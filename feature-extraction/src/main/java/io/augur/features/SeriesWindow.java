package io.augur.features;

import io.augur.domain.MetricSample;
import io.augur.domain.SeriesKey;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The bounded state of one series: a ring of per-step slots (sample timestamp and value, two
 * primitive arrays, no per-sample objects) plus the running smoothers (EWMA, Holt) fed with each
 * finalised step. Capacity is {@link FeatureConfig#ringCapacity()}: the window plus the steps still
 * open under allowed lateness; about 0.5 KiB at the default window.
 *
 * <p>A slot holds the latest sample of its step; a slot whose timestamp belongs to another step is
 * empty (overwritten rings need no clearing). Not thread-safe: one owner at a time.
 */
public final class SeriesWindow {

  static final long EMPTY = Long.MIN_VALUE;

  private final SeriesKey key;
  private final boolean counter;
  private final long[] ts;
  private final double[] val;
  private long maxTs = EMPTY;
  private long lastRealTs = EMPTY;
  private int smoothN;
  private double ewmaFast;
  private double ewmaSlow;
  private double holtLevel;
  private double holtTrend;
  private double holtResidual;
  private long holtStep = EMPTY;
  private double prevRaw;
  private long prevRawTs = EMPTY;

  public SeriesWindow(SeriesKey key, boolean counter, int capacity) {
    if (capacity < 2) {
      throw new IllegalArgumentException("capacity must be >= 2, got " + capacity);
    }
    this.key = key;
    this.counter = counter;
    this.ts = new long[capacity];
    this.val = new double[capacity];
    Arrays.fill(ts, EMPTY);
  }

  public SeriesKey key() {
    return key;
  }

  public boolean counter() {
    return counter;
  }

  /** Latest timestamp offered (stale markers included), or {@link Long#MIN_VALUE} if none. */
  public long maxTimestampMs() {
    return maxTs;
  }

  public int capacity() {
    return ts.length;
  }

  /** Bytes this object and its arrays occupy on a 64-bit JVM with compressed oops (estimate). */
  public long estimatedBytes() {
    long arrays = 2 * (16 + 8L * ts.length);
    long fields = 12 + 4 + 1 + 4 + 4 + 8 * 12 + 4;
    return arrays + ((fields + 7) / 8) * 8;
  }

  /**
   * Puts a sample into its step slot. The caller has already refused late samples (steps already
   * emitted). Same timestamp as the slot's: a duplicate; an older one within the same step:
   * superseded; both are dropped. A sample whose slot still holds a step at or after {@code
   * firstNeededStep} (the oldest step a future window reads) is {@link OfferResult#TOO_EARLY}: the
   * ring cannot hold it without losing data still needed.
   */
  public OfferResult offer(long timestampMs, double value, long stepMs, long firstNeededStep) {
    long step = Math.floorDiv(timestampMs + stepMs - 1, stepMs);
    int i = (int) Math.floorMod(step, (long) ts.length);
    long cur = ts[i];
    if (cur != EMPTY) {
      long curStep = Math.floorDiv(cur + stepMs - 1, stepMs);
      if (curStep == step) {
        if (cur == timestampMs) {
          return OfferResult.DUPLICATE;
        }
        if (timestampMs < cur) {
          return OfferResult.SUPERSEDED;
        }
      } else if (curStep > step) {
        return OfferResult.LATE;
      } else if (curStep >= firstNeededStep) {
        return OfferResult.TOO_EARLY;
      }
    }
    ts[i] = timestampMs;
    val[i] = value;
    boolean outOfOrder = maxTs != EMPTY && timestampMs < maxTs;
    if (timestampMs > maxTs) {
      maxTs = timestampMs;
    }
    return outOfOrder ? OfferResult.OUT_OF_ORDER : OfferResult.ACCEPTED;
  }

  /** Feeds the sample of {@code step} (if any) to the smoothers; called once per step, in order. */
  public void finalizeStep(long step, FeatureConfig cfg) {
    int i = slot(step);
    long t = ts[i];
    if (t == EMPTY || cfg.stepOf(t) != step) {
      return;
    }
    double x = val[i];
    if (MetricSample.isStaleMarker(x)) {
      smoothN = 0;
      holtResidual = 0;
      holtStep = EMPTY;
      prevRawTs = EMPTY;
      return;
    }
    lastRealTs = t;
    double v = x;
    if (counter) {
      if (prevRawTs == EMPTY) {
        prevRaw = x;
        prevRawTs = t;
        return;
      }
      v = increase(prevRaw, x) / ((t - prevRawTs) / 1000.0);
      prevRaw = x;
      prevRawTs = t;
    }
    smooth(v, step, cfg);
  }

  private void smooth(double v, long step, FeatureConfig cfg) {
    if (smoothN == 0) {
      ewmaFast = v;
      ewmaSlow = v;
      holtLevel = v;
      holtTrend = 0;
      holtResidual = 0;
      holtStep = step;
      smoothN = 1;
      return;
    }
    ewmaFast += 2.0 / (cfg.ewmaFastSpan() + 1) * (v - ewmaFast);
    ewmaSlow += 2.0 / (cfg.ewmaSlowSpan() + 1) * (v - ewmaSlow);
    long g = Math.max(1, step - holtStep);
    double forecast = holtLevel + g * holtTrend;
    holtResidual = v - forecast;
    double level = cfg.holtAlpha() * v + (1 - cfg.holtAlpha()) * forecast;
    holtTrend = cfg.holtBeta() * (level - holtLevel) / g + (1 - cfg.holtBeta()) * holtTrend;
    holtLevel = level;
    holtStep = step;
    smoothN = 2;
  }

  /**
   * Writes this series' {@link SeriesFeature}s for the window ending at step {@code step} into
   * {@code out[off..]} ({@link SeriesFeature#countFor} values). Reads only steps up to {@code
   * step}.
   */
  public void features(long step, FeatureConfig cfg, double[] out, int off, WindowScratch s) {
    int w = cfg.windowPoints();
    long stepMs = cfg.stepMs();
    long end = step * stepMs;
    int n = 0;
    for (long k = step - w + 1; k <= step; k++) {
      int i = slot(k);
      long t = ts[i];
      if (t != EMPTY
          && Math.floorDiv(t + stepMs - 1, stepMs) == k
          && !MetricSample.isStaleMarker(val[i])) {
        s.rawV[n] = val[i];
        s.rawT[n] = t;
        n++;
      }
    }
    int m;
    double[] v;
    long[] tv;
    if (counter) {
      m = Math.max(0, n - 1);
      for (int j = 1; j < n; j++) {
        s.v[j - 1] = increase(s.rawV[j - 1], s.rawV[j]) / ((s.rawT[j] - s.rawT[j - 1]) / 1000.0);
        s.t[j - 1] = s.rawT[j];
      }
      v = s.v;
      tv = s.t;
    } else {
      m = n;
      v = s.rawV;
      tv = s.rawT;
    }
    double ttlSec = cfg.seriesTtlMs() / 1000.0;
    out[off + SeriesFeature.MISSING_RATIO.ordinal()] = 1.0 - (double) n / w;
    out[off + SeriesFeature.STALENESS.ordinal()] =
        lastRealTs == EMPTY ? ttlSec : Math.min(ttlSec, Math.max(0, (end - lastRealTs) / 1000.0));
    if (counter) {
      out[off + SeriesFeature.RATE.ordinal()] =
          n < 2 ? 0 : PromRate.rate(s.rawV, s.rawT, n, end - cfg.windowMs(), end);
    }
    if (m == 0) {
      for (SeriesFeature f : VALUE_FEATURES) {
        out[off + f.ordinal()] = 0;
      }
      return;
    }
    WindowStats.describe(v, tv, m, end, s.sorted, out, off);
    out[off + SeriesFeature.EWMA_FAST.ordinal()] = smoothN > 0 ? ewmaFast : v[m - 1];
    out[off + SeriesFeature.EWMA_SLOW.ordinal()] = smoothN > 0 ? ewmaSlow : v[m - 1];
    out[off + SeriesFeature.HOLT_RESIDUAL.ordinal()] = smoothN > 0 ? holtResidual : 0;
  }

  private static final SeriesFeature[] VALUE_FEATURES = {
    SeriesFeature.LAST,
    SeriesFeature.MEAN,
    SeriesFeature.STD,
    SeriesFeature.MIN,
    SeriesFeature.MAX,
    SeriesFeature.SLOPE,
    SeriesFeature.EWMA_FAST,
    SeriesFeature.EWMA_SLOW,
    SeriesFeature.ZSCORE,
    SeriesFeature.PCT_CHANGE,
    SeriesFeature.P50,
    SeriesFeature.P90,
    SeriesFeature.P99,
    SeriesFeature.HOLT_RESIDUAL
  };

  /** Counter increase from {@code prev} to {@code cur}, treating a decrease as a reset to zero. */
  static double increase(double prev, double cur) {
    return cur >= prev ? cur - prev : cur;
  }

  private int slot(long step) {
    return (int) Math.floorMod(step, (long) ts.length);
  }

  /** Writes this state (not the key) in a stable binary form; see {@link #readFrom}. */
  void writeTo(DataOutput out) throws IOException {
    out.writeBoolean(counter);
    out.writeInt(ts.length);
    for (int i = 0; i < ts.length; i++) {
      out.writeLong(ts[i]);
      out.writeLong(
          Double.doubleToRawLongBits(val[i])); // writeDouble would canonicalise the stale NaN
    }
    out.writeLong(maxTs);
    out.writeLong(lastRealTs);
    out.writeInt(smoothN);
    out.writeDouble(ewmaFast);
    out.writeDouble(ewmaSlow);
    out.writeDouble(holtLevel);
    out.writeDouble(holtTrend);
    out.writeDouble(holtResidual);
    out.writeLong(holtStep);
    out.writeDouble(prevRaw);
    out.writeLong(prevRawTs);
  }

  static SeriesWindow readFrom(DataInput in, SeriesKey key) throws IOException {
    boolean counter = in.readBoolean();
    int cap = in.readInt();
    if (cap < 2 || cap > 4 * FeatureConfig.MAX_WINDOW_POINTS) {
      throw new IOException("corrupt series state for " + key + ": capacity " + cap);
    }
    SeriesWindow w = new SeriesWindow(key, counter, cap);
    for (int i = 0; i < cap; i++) {
      w.ts[i] = in.readLong();
      w.val[i] = Double.longBitsToDouble(in.readLong());
    }
    w.maxTs = in.readLong();
    w.lastRealTs = in.readLong();
    w.smoothN = in.readInt();
    w.ewmaFast = in.readDouble();
    w.ewmaSlow = in.readDouble();
    w.holtLevel = in.readDouble();
    w.holtTrend = in.readDouble();
    w.holtResidual = in.readDouble();
    w.holtStep = in.readLong();
    w.prevRaw = in.readDouble();
    w.prevRawTs = in.readLong();
    return w;
  }
}
