package io.augur.features;

import io.augur.domain.MetricSample;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded messy streams of one component: gauges {@code g} (two series) and {@code h}, counter
 * {@code c_total} with resets; gaps, stale markers, duplicates, jittered timestamps and shuffling
 * within allowed lateness.
 */
final class RandomStreams {
  private RandomStreams() {}

  static FeatureConfig config() {
    return FeatureConfig.forMetrics(List.of("g", "h", "c_total")).withMaxSeriesPerComponent(10);
  }

  static ComponentFeatureExtractor extractor(FeatureConfig cfg) {
    return new ComponentFeatureExtractor(cfg, Samples.COMPONENT, Samples.LABELS);
  }

  /** The watermark a source with 20 s bounded out-of-orderness would have after {@code s}. */
  static long watermarkAfter(MetricSample s, FeatureConfig cfg) {
    return s.timestampMs() - 20_000;
  }

  static List<MetricSample> stream(long seed, FeatureConfig cfg, int steps) {
    SplittableRandom r = new SplittableRandom(seed);
    String[][] series = {{"g", "0"}, {"g", "1"}, {"h", ""}, {"c_total", ""}};
    double[] level = new double[series.length];
    for (int i = 0; i < level.length; i++) {
      level[i] = r.nextDouble(-1e6, 1e6);
    }
    level[3] = r.nextDouble(0, 1e6);
    long start = 6_000 + r.nextLong(100) * cfg.stepMs();
    List<MetricSample> out = new ArrayList<>();
    List<MetricSample> block = new ArrayList<>();
    for (int k = 0; k < steps; k++) {
      boolean outage = r.nextDouble() < 0.01;
      for (int i = 0; i < series.length; i++) {
        if (outage || r.nextDouble() < 0.1) {
          continue;
        }
        long t = start + k * cfg.stepMs() - r.nextLong(5_000);
        double v;
        if (series[i][0].equals("c_total")) {
          level[i] = r.nextDouble() < 0.03 ? r.nextDouble(0, 100) : level[i] + r.nextDouble(0, 1e4);
          v = level[i];
        } else {
          level[i] += r.nextGaussian() * 1e3;
          v = level[i];
        }
        if (r.nextDouble() < 0.02) {
          v = MetricSample.STALE_NAN;
        }
        Map<String, String> labels = new HashMap<>(Samples.LABELS);
        if (!series[i][1].isEmpty()) {
          labels.put("cpu", series[i][1]);
        }
        MetricSample s = new MetricSample(series[i][0], labels, t, v);
        block.add(s);
        if (r.nextDouble() < 0.05) {
          block.add(s);
        }
      }
      if (k % 2 == 1 || k == steps - 1) {
        Collections.shuffle(block, new java.util.Random(r.nextLong()));
        out.addAll(block);
        block.clear();
      }
    }
    return out;
  }
}
