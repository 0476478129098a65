package io.augur.evaluation.detect;

/**
 * The complementary error function to near double precision: the Taylor series of erf below 2, the
 * continued fraction of erfc (evaluated by the modified Lentz method) from 2 on. The windowed
 * Gaussian baseline needs it accurate far into the tail, where {@code 1 - erfc/2} decides whether a
 * score rounds to exactly 1.
 */
public final class Erfc {

  private static final double TWO_OVER_SQRT_PI = 2.0 / Math.sqrt(Math.PI);
  private static final double ONE_OVER_SQRT_PI = 1.0 / Math.sqrt(Math.PI);

  private Erfc() {}

  /** erfc(x) = 1 - erf(x). */
  public static double erfc(double x) {
    if (Double.isNaN(x)) {
      throw new IllegalArgumentException("x must be a number, got NaN");
    }
    if (x < 0) {
      return 2.0 - erfc(-x);
    }
    if (x < 2.0) {
      return 1.0 - erfSeries(x);
    }
    if (x > 27.3) {
      return 0.0; // below the smallest double
    }
    return Math.exp(-x * x) * ONE_OVER_SQRT_PI / continuedFraction(x);
  }

  private static double erfSeries(double x) {
    double x2 = x * x;
    double term = x; // (-1)^n x^(2n+1) / n!
    double sum = x;
    for (int n = 1; n < 200; n++) {
      term *= -x2 / n;
      double add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) {
        break;
      }
    }
    return TWO_OVER_SQRT_PI * sum;
  }

  /** x + (1/2)/(x + 1/(x + (3/2)/(x + ...))), with partial numerators n/2. */
  private static double continuedFraction(double x) {
    double tiny = 1e-300;
    double f = x;
    double c = f;
    double d = 0.0;
    for (int n = 1; n < 500; n++) {
      double a = n / 2.0;
      d = x + a * d;
      d = Math.abs(d) < tiny ? tiny : d;
      d = 1.0 / d;
      c = x + a / c;
      c = Math.abs(c) < tiny ? tiny : c;
      double delta = c * d;
      f *= delta;
      if (Math.abs(delta - 1.0) < 1e-16) {
        break;
      }
    }
    return f;
  }
}
