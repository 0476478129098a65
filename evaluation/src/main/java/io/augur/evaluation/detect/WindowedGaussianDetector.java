package io.augur.evaluation.detect;

/**
 * NAB's "windowed Gaussian" baseline, a Java port of {@code
 * nab/detectors/gaussian/windowedGaussian_detector.py}: the score of a point is {@code 1 - Q(|z|)},
 * where z is the point's distance from the mean of a window of earlier points in standard
 * deviations and Q is the Gaussian tail probability. The window holds the first 6400 points, then
 * slides forward 100 points at a time; mean and (population) standard deviation are refreshed
 * whenever it changes, with a standard deviation of 0 replaced by 1e-6. The first point scores 0.
 */
public final class WindowedGaussianDetector implements StreamingDetector {

  /** NAB's tuned window size. */
  public static final int WINDOW_SIZE = 6400;

  /** NAB's step: the window advances this many points at once. */
  public static final int STEP_SIZE = 100;

  private static final double SQRT2 = Math.sqrt(2.0);

  private final int windowSize;
  private final int stepSize;
  private final double[] window;
  private final double[] stepBuffer;
  private int windowCount;
  private int stepCount;
  private double mean = 0.0;
  private double std = 1.0;

  /** NAB's configuration: window 6400, step 100. */
  public WindowedGaussianDetector() {
    this(WINDOW_SIZE, STEP_SIZE);
  }

  public WindowedGaussianDetector(int windowSize, int stepSize) {
    if (windowSize < 1) {
      throw new IllegalArgumentException("windowSize must be >= 1, got " + windowSize);
    }
    if (stepSize < 1 || stepSize > windowSize) {
      throw new IllegalArgumentException(
          "stepSize must be within [1, windowSize " + windowSize + "], got " + stepSize);
    }
    this.windowSize = windowSize;
    this.stepSize = stepSize;
    this.window = new double[windowSize];
    this.stepBuffer = new double[stepSize];
  }

  @Override
  public double score(long timestampMillis, double value) {
    double score = 0.0;
    if (windowCount > 0) {
      score = 1.0 - upperTail(value, mean, std);
    }
    if (windowCount < windowSize) {
      window[windowCount++] = value;
      updateWindow();
    } else {
      stepBuffer[stepCount++] = value;
      if (stepCount == stepSize) {
        System.arraycopy(window, stepSize, window, 0, windowSize - stepSize);
        System.arraycopy(stepBuffer, 0, window, windowSize - stepSize, stepSize);
        stepCount = 0;
        updateWindow();
      }
    }
    return score;
  }

  /**
   * NAB's {@code normalProbability}: P(X > x) for x above the mean, mirrored about the mean below
   * it.
   */
  static double upperTail(double x, double mean, double std) {
    if (x < mean) {
      return upperTail(2 * mean - x, mean, std);
    }
    double z = (x - mean) / std;
    return 0.5 * Erfc.erfc(z / SQRT2);
  }

  private void updateWindow() {
    double sum = 0.0;
    for (int i = 0; i < windowCount; i++) {
      sum += window[i];
    }
    mean = sum / windowCount;
    double squares = 0.0;
    for (int i = 0; i < windowCount; i++) {
      double d = window[i] - mean;
      squares += d * d;
    }
    std = Math.sqrt(squares / windowCount);
    if (std == 0.0) {
      std = 0.000001;
    }
  }
}
