package io.augur.job.skeleton;

import io.augur.domain.Contribution;
import io.augur.domain.FailurePrediction;
import io.augur.domain.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The walking skeleton's scorer: for each metric of a component, a fast EWMA (about 2 min) against
 * a slow baseline (about 1 h, frozen while the metric deviates); the largest standardised gap
 * becomes a probability through a logistic curve. Counters are turned into per-second rates (a
 * decrease is a reset). Crude on purpose: it is the baseline the ensemble must beat.
 *
 * <p>State is a few primitive arrays per component, indexed by metric slot.
 */
public final class SkeletonScorer {
  public static final String VERSION = "skeleton-0.1";
  static final double FAST = 2.0 / (8 + 1);
  static final double SLOW = 2.0 / (240 + 1);
  static final int WARMUP_STEPS = 40;

  private final List<String> metrics;

  public SkeletonScorer(List<String> metrics) {
    this.metrics = List.copyOf(metrics);
  }

  public int slots() {
    return metrics.size();
  }

  public int slotOf(String metric) {
    return metrics.indexOf(metric);
  }

  /** Folds one sample into the state; returns false when the metric is not one the scorer knows. */
  public boolean update(
      SkeletonState s, String metric, boolean counter, long timestampMs, double value) {
    int i = slotOf(metric);
    if (i < 0) {
      return false;
    }
    double x = value;
    if (counter) {
      double prev = s.lastRaw[i];
      long prevT = s.lastTs[i];
      s.lastRaw[i] = value;
      s.lastTs[i] = timestampMs;
      if (prevT == 0 || timestampMs <= prevT) {
        return true;
      }
      double delta = value >= prev ? value - prev : value; // reset: count from zero
      x = delta / ((timestampMs - prevT) / 1000.0);
    }
    if (s.count[i] == 0) {
      s.fast[i] = x;
      s.slowMean[i] = x;
      s.slowVar[i] = 0;
      s.jitter[i] = 0;
      s.prev[i] = x;
    } else {
      s.jitter[i] += SLOW * (Math.abs(x - s.prev[i]) - s.jitter[i]);
      s.prev[i] = x;
      s.fast[i] += FAST * (x - s.fast[i]);
      // the baseline keeps learning, ten times slower while the metric deviates, so a level that
      // stays shifted is eventually accepted and a baseline never freezes on a fluke
      boolean calm = s.count[i] < WARMUP_STEPS || Math.abs(z(s, i)) < 3;
      double a = calm ? SLOW : SLOW / 10;
      double d = x - s.slowMean[i];
      s.slowMean[i] += a * d;
      if (calm) {
        s.slowVar[i] = (1 - a) * (s.slowVar[i] + a * d * d);
      }
    }
    s.count[i]++;
    return true;
  }

  static double z(SkeletonState s, int i) {
    // noise scale: the baseline's deviation, floored by the typical step-to-step change (sparse,
    // integer-valued metrics have near-zero variance until their first non-zero value)
    double scale =
        Math.max(Math.sqrt(s.slowVar[i]), s.jitter[i]) + 1e-3 * Math.abs(s.slowMean[i]) + 1e-9;
    return (s.fast[i] - s.slowMean[i]) / scale;
  }

  /** The component's prediction for its current step. */
  public FailurePrediction predict(
      SkeletonState s, String component, Map<String, String> labels, long timestampMs) {
    List<Contribution> parts = new ArrayList<>();
    double worst = 0;
    for (int i = 0; i < metrics.size(); i++) {
      if (s.count[i] < WARMUP_STEPS) {
        continue;
      }
      double z = Math.abs(z(s, i));
      worst = Math.max(worst, z);
      parts.add(new Contribution(metrics.get(i) + ":ewma_z", z));
    }
    parts.sort(Comparator.comparingDouble((Contribution c) -> -c.weight()));
    double p = 1.0 / (1.0 + Math.exp(-(worst - 6.0) / 0.8));
    return new FailurePrediction(
        component,
        labels,
        timestampMs,
        p,
        Severity.of(p),
        null,
        List.of(component),
        "unknown",
        List.of("investigate the top contributing metrics"),
        parts.subList(0, Math.min(3, parts.size())),
        Map.of("skeleton", p),
        VERSION);
  }
}
