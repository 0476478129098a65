package io.augur.models.inject;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Injects a synthetic fault into a component's <b>raw</b> series, before the feature layer, so the
 * models learn the fault as the job will see it: every feature of the touched metric moves
 * together, as it would in production. {@link FaultInjector} does the same on feature vectors.
 *
 * <p>Magnitudes are relative to each series' local spread: the population standard deviation {@code
 * sd} of its last {@value #LOCAL_POINTS} samples before the onset (a constant series uses {@code
 * max(0.05 |mean|, 0.001)}). Per touched series, from the onset on:
 *
 * <ul>
 *   <li>{@code SPIKE}: + or - 5-8 sd at the first sample and at about one sample in three after;
 *   <li>{@code LEVEL_SHIFT}: a step of 4-6 sd;
 *   <li>{@code TREND}: a ramp of 0.3-0.6 sd per sample;
 *   <li>{@code VARIANCE_CHANGE}: deviations from the local mean amplified 4-6 times (plus a 3 sd
 *       kick);
 *   <li>{@code FLAT_LINE}: the value frozen at the last value before the onset (a stuck exporter);
 *   <li>{@code DROPOUT}: no samples at all (a lost target; the feature layer's missing ratio and
 *       staleness rise).
 * </ul>
 *
 * Counters are changed through their increments (the same shapes applied to the per-sample
 * increase, kept >= 0, summed back), so they stay counters; a flat-lined counter stops increasing.
 * The fault touches 1-3 metrics that vary before the onset (any metric when none varies). The same
 * seed and calls give the same faults.
 */
public final class SeriesFaultInjector {
  /** Samples before the onset that set a series' local mean and spread. */
  public static final int LOCAL_POINTS = 60;

  private final SplittableRandom random;

  public SeriesFaultInjector(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /**
   * A number in [0, bound) from this injector's seeded stream (for callers that pick onsets and
   * kinds).
   */
  public int nextInt(int bound) {
    return random.nextInt(bound);
  }

  /**
   * @param component every series of one component
   * @param counters the metrics that are monotone counters
   * @param onsetMs the fault's first instant
   */
  public SeriesInjection inject(
      List<RawSeries> component, Set<String> counters, FaultKind kind, long onsetMs) {
    if (component == null || component.isEmpty()) {
      throw new IllegalArgumentException(
          "component must hold at least one series, got " + component);
    }
    if (kind == null || counters == null) {
      throw new IllegalArgumentException("kind and counters must not be null");
    }
    Set<String> all = new LinkedHashSet<>();
    Set<String> varying = new LinkedHashSet<>();
    for (RawSeries s : component) {
      all.add(s.metric());
      int o = s.lowerBound(onsetMs);
      if (o < 2) {
        continue;
      }
      double[] local = Arrays.copyOfRange(s.values(), Math.max(0, o - LOCAL_POINTS), o);
      if (sd(local, mean(local)) > 0) {
        varying.add(s.metric());
      }
    }
    List<String> pool = new ArrayList<>(varying.isEmpty() ? all : varying);
    int count = 1 + random.nextInt(Math.min(3, pool.size()));
    List<String> chosen = new ArrayList<>();
    while (chosen.size() < count) {
      chosen.add(pool.remove(random.nextInt(pool.size())));
    }
    List<RawSeries> out = new ArrayList<>(component.size());
    for (RawSeries s : component) {
      out.add(
          chosen.contains(s.metric()) ? apply(s, counters.contains(s.metric()), kind, onsetMs) : s);
    }
    return new SeriesInjection(out, kind, onsetMs, chosen);
  }

  private RawSeries apply(RawSeries s, boolean counter, FaultKind kind, long onsetMs) {
    int o = s.lowerBound(onsetMs);
    long[] t = s.timestampsMs();
    double[] v = s.values().clone();
    if (o >= v.length) {
      return s;
    }
    if (kind == FaultKind.DROPOUT) {
      return new RawSeries(s.metric(), s.labels(), Arrays.copyOf(t, o), Arrays.copyOf(v, o));
    }
    if (!counter) {
      shape(v, o, kind);
      return new RawSeries(s.metric(), s.labels(), t, v);
    }
    double[] inc = new double[v.length];
    for (int i = 1; i < v.length; i++) {
      inc[i] =
          v[i] >= v[i - 1]
              ? v[i] - v[i - 1]
              : v[i]; // a reset counts from zero, as Prometheus' rate()
    }
    if (kind == FaultKind.FLAT_LINE) {
      Arrays.fill(inc, o, inc.length, 0.0);
    } else {
      shape(inc, Math.max(1, o), kind);
    }
    for (int i = Math.max(1, o); i < v.length; i++) {
      v[i] = v[i - 1] + Math.max(0.0, inc[i]);
    }
    return new RawSeries(s.metric(), s.labels(), t, v);
  }

  /** Applies {@code kind} in place to {@code v} from index {@code o} on. */
  private void shape(double[] v, int o, FaultKind kind) {
    double[] local = Arrays.copyOfRange(v, Math.max(0, o - LOCAL_POINTS), o);
    double mean = local.length == 0 ? v[o] : mean(local);
    double sd = local.length == 0 ? 0 : sd(local, mean);
    if (sd == 0) {
      sd = Math.max(0.05 * Math.abs(mean), 1e-3);
    }
    double sign = random.nextBoolean() ? 1 : -1;
    double shift = 4 + 2 * random.nextDouble();
    double slope = 0.3 + 0.3 * random.nextDouble();
    double amp = 4 + 2 * random.nextDouble();
    double frozen = o > 0 ? v[o - 1] : v[o];
    for (int i = o; i < v.length; i++) {
      switch (kind) {
        case SPIKE -> {
          if (i == o || random.nextDouble() < 0.35) {
            v[i] += sign * (5 + 3 * random.nextDouble()) * sd;
          }
        }
        case LEVEL_SHIFT -> v[i] += sign * shift * sd;
        case TREND -> v[i] += sign * slope * sd * (i - o + 1);
        case VARIANCE_CHANGE -> v[i] = mean + (v[i] - mean) * amp + sign * (i == o ? 3 * sd : 0);
        case FLAT_LINE -> v[i] = frozen;
        case DROPOUT -> throw new IllegalStateException("dropout removes samples; it has no shape");
      }
    }
  }

  static double mean(double[] x) {
    double m = 0;
    for (double d : x) {
      m += d;
    }
    return x.length == 0 ? 0 : m / x.length;
  }

  static double sd(double[] x, double mean) {
    double s = 0;
    for (double d : x) {
      s += (d - mean) * (d - mean);
    }
    return x.length == 0 ? 0 : Math.sqrt(s / x.length);
  }
}
