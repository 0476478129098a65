package io.augur.evaluation.detect;

import io.augur.domain.Checks;

/**
 * Numenta's anomaly likelihood over another detector's scores: how improbable the recent average
 * score is, given the distribution of such averages over the series' history. A single high score
 * on a noisy detector means little; a run of higher-than-usual scores means a lot. This is the
 * post-processing NAB's Numenta HTM detector puts on its raw scores (NAB's scoreboard lists HTM at
 * 70.10 with it and 53.62 without).
 *
 * <p>The steps follow NuPIC's {@code anomaly_likelihood.py} as NAB's {@code numenta_detector.py}
 * calls it:
 *
 * <ol>
 *   <li>the average of the last {@value #AVERAGING_WINDOW} scores;
 *   <li>a normal distribution fitted to those averages over the last {@value #HISTORIC_WINDOW}
 *       rows, refitted every {@value #REESTIMATION_PERIOD} rows (mean at least 0.03, variance at
 *       least 0.0003; when the series' values barely vary, variance below 1.5e-5, a flat "null"
 *       distribution instead, so a flat line alarms nothing);
 *   <li>the upper tail probability {@code p} of the current average (an average below the mean is
 *       mirrored above it), where {@code p <= 1e-5} twice in a row is raised to 1e-3 (NuPIC's
 *       red/yellow filter);
 *   <li>the score {@code log(p + 1e-10) / log(1e-10)}, in [0, 1] (NuPIC's {@code
 *       computeLogLikelihood}).
 * </ol>
 *
 * <p>Adapted to detectors that train on a series' first points: the likelihood's clock starts at
 * row {@code min(probationary length, maxFrom)}, where such a detector starts scoring, and earlier
 * rows pass the inner score through. Its scores are not noisy while it learns, as HTM's are, so
 * there is no learning period to skip; the first distribution is fitted after {@value
 * #ESTIMATION_SAMPLES} rows, and until then the score is that of likelihood 0.5 (about 0.03).
 */
public final class AnomalyLikelihood implements StreamingDetector {

  /** Scores averaged (NuPIC's {@code averagingWindow}). */
  public static final int AVERAGING_WINDOW = 10;

  /** Rows between refits (NAB's {@code reestimationPeriod}). */
  public static final int REESTIMATION_PERIOD = 100;

  /** Rows of history a fit looks at (NuPIC's {@code historicWindowSize}). */
  public static final int HISTORIC_WINDOW = 8640;

  /** Rows before the first fit. */
  public static final int ESTIMATION_SAMPLES = 100;

  private static final double RED = 1e-5;
  private static final double YELLOW = 1e-3;
  private static final double MIN_MEAN = 0.03;
  private static final double MIN_VARIANCE = 0.0003;
  private static final double FLAT_VALUES_VARIANCE = 1.5e-5;

  private final StreamingDetector inner;
  private final int maxFrom;
  private final double[] scores = new double[HISTORIC_WINDOW];
  private final double[] values = new double[HISTORIC_WINDOW];
  private final double[] recent = new double[AVERAGING_WINDOW];
  private int from;
  private int row;
  private int iteration;
  private double recentTotal;
  private double previousAverage;
  private double mean;
  private double stdev;
  private boolean fitted;

  /**
   * @param inner the detector whose scores are turned into likelihoods
   * @param maxFrom the likelihood starts at row {@code min(series' probationary length, maxFrom)}
   */
  public AnomalyLikelihood(StreamingDetector inner, int maxFrom) {
    this.inner = Checks.nonNull("inner", inner);
    this.maxFrom = (int) Checks.nonNegative("maxFrom", maxFrom);
  }

  @Override
  public void start(SeriesInfo series) {
    inner.start(series);
    from = series.scoringStart(maxFrom);
    row = 0;
    iteration = 0;
    recentTotal = 0;
    previousAverage = Double.NaN;
    fitted = false;
  }

  @Override
  public double score(long timestampMillis, double value) {
    double s = inner.score(timestampMillis, value);
    if (row++ < from) {
      return s;
    }
    double likelihood = 0.5;
    if (iteration >= ESTIMATION_SAMPLES) {
      if (!fitted || iteration % REESTIMATION_PERIOD == 0) {
        fit();
      }
      double average = addToAverage(s);
      double p =
          filtered(tail(average), Double.isNaN(previousAverage) ? 1.0 : tail(previousAverage));
      previousAverage = average;
      likelihood = 1.0 - p;
    } else {
      previousAverage = addToAverage(s);
    }
    scores[iteration % HISTORIC_WINDOW] = s;
    values[iteration % HISTORIC_WINDOW] = value;
    iteration++;
    return logScale(likelihood);
  }

  /**
   * NuPIC's red/yellow filter: a red tail probability right after another red one counts as yellow.
   */
  static double filtered(double p, double previousP) {
    return p <= RED && previousP <= RED ? YELLOW : p;
  }

  /** NuPIC's {@code computeLogLikelihood}: {@code log(1.0000000001 - likelihood) / log(1e-10)}. */
  static double logScale(double likelihood) {
    return Math.log(1.0000000001 - likelihood) / Math.log(1e-10);
  }

  /** The upper tail probability of a normal; values below the mean are mirrored above it. */
  static double tail(double x, double mean, double stdev) {
    double xp = x < mean ? 2 * mean - x : x;
    return 0.5 * Erfc.erfc((xp - mean) / stdev / 1.4142);
  }

  private double tail(double x) {
    return tail(x, mean, stdev);
  }

  /** The running average of the last {@link #AVERAGING_WINDOW} scores, {@code s} included. */
  private double addToAverage(double s) {
    int kept = Math.min(iteration, AVERAGING_WINDOW);
    if (kept == AVERAGING_WINDOW) {
      recentTotal -= recent[iteration % AVERAGING_WINDOW];
    }
    recent[iteration % AVERAGING_WINDOW] = s;
    recentTotal += s;
    return recentTotal / Math.min(kept + 1, AVERAGING_WINDOW);
  }

  /**
   * Fits the normal to the running averages of the kept scores, recomputed from the oldest kept
   * score on as NuPIC's estimate does (the first averages are over fewer scores).
   */
  private void fit() {
    int n = Math.min(iteration, HISTORIC_WINDOW);
    int first = iteration - n;
    double[] window = new double[AVERAGING_WINDOW];
    double total = 0;
    Moments averages = new Moments();
    Moments seriesValues = new Moments();
    for (int i = 0; i < n; i++) {
      int at = (first + i) % HISTORIC_WINDOW;
      double s = scores[at];
      if (i >= AVERAGING_WINDOW) {
        total -= window[i % AVERAGING_WINDOW];
      }
      window[i % AVERAGING_WINDOW] = s;
      total += s;
      averages.add(total / Math.min(i + 1, AVERAGING_WINDOW));
      seriesValues.add(values[at]);
    }
    double m = averages.mean;
    double variance = averages.variance();
    double valueVariance = seriesValues.variance();
    if (valueVariance < FLAT_VALUES_VARIANCE) {
      mean = 0.5;
      stdev = 1e3;
    } else {
      mean = Math.max(m, MIN_MEAN);
      stdev = Math.sqrt(Math.max(variance, MIN_VARIANCE));
    }
    fitted = true;
  }

  /**
   * Mean and population variance, accumulated stably (Welford): values may be large and nearly
   * constant.
   */
  private static final class Moments {
    private long n;
    private double mean;
    private double m2;

    void add(double x) {
      n++;
      double d = x - mean;
      mean += d / n;
      m2 += d * (x - mean);
    }

    double variance() {
      return n == 0 ? 0 : m2 / n;
    }
  }
}
