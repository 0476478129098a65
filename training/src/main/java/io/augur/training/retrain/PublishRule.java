package io.augur.training.retrain;

import java.util.Locale;

/**
 * When a retrained bundle replaces the current one. Both are scored on the same held-out recent
 * windows (the newest {@code --holdout} share of the history, never trained on by the candidate),
 * and their AUC-PR (average precision, {@link AveragePrecision}) is compared:
 *
 * <ol>
 *   <li>refused when the held-out windows hold fewer than {@code minFailing} failing or fewer than
 *       {@code minNormal} normal windows (too little to tell better from worse);
 *   <li>with a current bundle: published when {@code AUC-PR(candidate) >= AUC-PR(current) -
 *       tolerance}, refused otherwise;
 *   <li>with no current bundle (or one that cannot score these features): published when {@code
 *       AUC-PR(candidate) > share of failing windows} (better than chance), refused otherwise.
 * </ol>
 *
 * Ties publish: "not worse" is the bar, so a bundle that learnt from new outcomes goes out unless
 * the held-out data says it lost something.
 */
public record PublishRule(double tolerance, int minFailing, int minNormal) {

  public PublishRule {
    if (!(tolerance >= 0 && tolerance < 1)) {
      throw new IllegalArgumentException("--tolerance must be within [0, 1), got " + tolerance);
    }
    if (minFailing < 1 || minNormal < 1) {
      throw new IllegalArgumentException(
          "--min-failing and --min-normal must be >= 1, got " + minFailing + ", " + minNormal);
    }
  }

  /** Tolerance 0 (strictly "not worse"), at least 5 failing and 20 normal held-out windows. */
  public static PublishRule defaults() {
    return new PublishRule(0.0, 5, 20);
  }

  /** What the rule decided, and why, in one line. */
  public record Decision(
      boolean publish,
      String reason,
      double candidateAucPr,
      double currentAucPr,
      long heldOutFailing,
      long heldOutNormal) {}

  /**
   * Decides on the held-out windows: {@code failing[i]} is window i's label, {@code candidate[i]}
   * and {@code current[i]} the two bundles' probabilities ({@code current} null when there is no
   * current bundle to compare with).
   */
  public Decision decide(boolean[] failing, double[] candidate, double[] current) {
    long f = 0;
    for (boolean b : failing) {
      f += b ? 1 : 0;
    }
    long n = failing.length - f;
    if (f < minFailing || n < minNormal) {
      return new Decision(
          false,
          String.format(
              Locale.ROOT,
              "held-out recent data has %d failing and %d normal window(s); comparing needs >= %d failing and >= %d normal",
              f,
              n,
              minFailing,
              minNormal),
          Double.NaN,
          Double.NaN,
          f,
          n);
    }
    double cand = AveragePrecision.of(failing, candidate);
    if (current == null) {
      double chance = AveragePrecision.chance(failing);
      boolean ok = cand > chance;
      return new Decision(
          ok,
          String.format(
              Locale.ROOT,
              "no current bundle: candidate AUC-PR %.4f %s chance %.4f (share of failing windows)",
              cand,
              ok ? ">" : "<=",
              chance),
          cand,
          Double.NaN,
          f,
          n);
    }
    double cur = AveragePrecision.of(failing, current);
    boolean ok = cand >= cur - tolerance;
    return new Decision(
        ok,
        String.format(
            Locale.ROOT,
            "candidate AUC-PR %.4f %s current %.4f - tolerance %.4f on %d failing / %d normal held-out windows",
            cand,
            ok ? ">=" : "<",
            cur,
            tolerance,
            f,
            n),
        cand,
        cur,
        f,
        n);
  }
}
