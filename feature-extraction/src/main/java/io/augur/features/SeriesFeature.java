package io.augur.features;

/**
 * The features computed for each metric of a component, in schema order. Feature names in a schema
 * are {@code <metric>:<feature>}.
 *
 * <p>Notation: the vector of step {@code k} (grid time {@code T = k * step}) looks at the window
 * {@code (T - window, T]}. Each series contributes at most one point per step (the latest sample of
 * the step). Let {@code x_1..x_n} be the window's present points (stale markers and missing steps
 * excluded) at times {@code t_1 < .. < t_n}. For a <b>gauge</b> the analysed values {@code v} are
 * the {@code x}; for a <b>counter</b> they are the per-interval rates {@code v_i = inc_i / (t_i -
 * t_(i-1))} (per second) with {@code inc_i = x_i - x_(i-1)}, or {@code x_i} when {@code x_i <
 * x_(i-1)} (a counter reset, as Prometheus treats it). {@code m} is the number of analysed values.
 *
 * <p>Missing values: when {@code m = 0} every value feature is 0; {@link #MISSING_RATIO} and {@link
 * #STALENESS} say why. Nothing is ever NaN or infinite.
 */
public enum SeriesFeature {
  /** {@code v_m}: the latest analysed value. */
  LAST("last"),
  /** {@code mean = (1/m) * sum v_i}. */
  MEAN("mean"),
  /** Population standard deviation {@code sqrt((1/m) * sum (v_i - mean)^2)}. */
  STD("std"),
  /** {@code min v_i}. */
  MIN("min"),
  /** {@code max v_i}. */
  MAX("max"),
  /**
   * Least-squares slope per second: {@code sum (s_i - s_bar)(v_i - mean) / sum (s_i - s_bar)^2}
   * with {@code s_i} the point's time in seconds; 0 when {@code m < 2}.
   */
  SLOPE("slope"),
  /**
   * Fast EWMA over every finalised step since the series started (not only the window): {@code e <-
   * e + a (v - e)}, {@code a = 2 / (ewmaFastSpan + 1)}, started at the first value.
   */
  EWMA_FAST("ewma_fast"),
  /** Slow EWMA, as {@link #EWMA_FAST} with {@code ewmaSlowSpan}. */
  EWMA_SLOW("ewma_slow"),
  /** {@code (v_m - mean) / std}; 0 when {@code std} is 0. */
  ZSCORE("zscore"),
  /** {@code (v_m - v_1) / |v_1|}; 0 when {@code v_1 = 0}. */
  PCT_CHANGE("pct_change"),
  /**
   * Median. Quantiles are exact over the window (the "sketch" is a sorted copy of at most {@code
   * windowPoints} values): {@code h = q (m - 1)}, {@code p = s_floor(h) + (h - floor(h)) *
   * (s_floor(h)+1 - s_floor(h))} on the sorted values, as Prometheus' {@code quantile_over_time}.
   */
  P50("p50"),
  /** 90th percentile, see {@link #P50}. */
  P90("p90"),
  /** 99th percentile, see {@link #P50}. */
  P99("p99"),
  /**
   * {@code 1 - n / windowPoints}: the share of steps of the window without a (non-stale) sample.
   */
  MISSING_RATIO("missing_ratio"),
  /**
   * Seconds since the latest real sample, {@code (T - t_last) / 1000}, capped at {@code seriesTtlMs
   * / 1000}; the cap when the series was never seen.
   */
  STALENESS("staleness_s"),
  /**
   * One-step Holt (double exponential smoothing) forecast residual at the latest analysed step:
   * {@code r = v - (l + g b)} where {@code g} is the number of steps since the previous update;
   * then {@code l' = a v + (1 - a)(l + g b)}, {@code b' = beta (l' - l) / g + (1 - beta) b}. 0
   * until the series has two points. A stale marker restarts the smoother.
   */
  HOLT_RESIDUAL("holt_residual"),
  /**
   * Counters only: Prometheus {@code rate()} over the window: the reset-corrected increase {@code
   * sum inc_i} extrapolated to the window edges (to the edge when within 1.1 average intervals,
   * else half an interval; never below zero), divided by the window in seconds. 0 when {@code n <
   * 2}.
   */
  RATE("rate");

  private final String label;

  SeriesFeature(String label) {
    this.label = label;
  }

  /** The feature's name within a schema: {@code <metric>:<label>}. */
  public String label() {
    return label;
  }

  /**
   * How many features a metric contributes: every feature for a counter, all but {@link #RATE} for
   * a gauge.
   */
  public static int countFor(boolean counter) {
    return counter ? values().length : values().length - 1;
  }
}
