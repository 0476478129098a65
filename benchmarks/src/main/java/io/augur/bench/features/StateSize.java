package io.augur.bench.features;

import io.augur.domain.MetricSample;
import io.augur.features.ComponentFeatureExtractor;
import io.augur.features.FeatureConfig;
import io.augur.features.SeriesWindow;
import io.augur.fleet.FleetMetric;
import java.util.HashMap;
import java.util.Map;

/**
 * Heap held per active series at the default window, measured as the used-heap delta (after GC)
 * over 100,000 series, against {@link SeriesWindow#estimatedBytes()} computed from array sizes.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.augur.bench.features.StateSize}
 */
public final class StateSize {
  private StateSize() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    FeatureConfig cfg = FeatureConfig.demoFleet();

    long before = usedAfterGc();
    SeriesWindow[] windows = new SeriesWindow[n];
    for (int i = 0; i < n; i++) {
      windows[i] = new SeriesWindow(null, false, cfg.ringCapacity());
      fill(windows[i], cfg);
    }
    long ringsOnly = usedAfterGc() - before;
    System.out.printf(
        "ring capacity %d slots; estimate from array sizes %d B/series; measured %.0f B/series (%d series)%n",
        cfg.ringCapacity(), windows[0].estimatedBytes(), (double) ringsOnly / n, n);
    windows = null;

    before = usedAfterGc();
    int components = n / 10;
    Map<String, ComponentFeatureExtractor> all = new HashMap<>();
    for (int c = 0; c < components; c++) {
      Map<String, String> labels = Map.of("job", "svc" + c, "instance", "svc" + c + "-0:8080");
      ComponentFeatureExtractor e = null;
      for (long s = 1; s <= 25; s++) {
        for (FleetMetric m : FleetMetric.values()) {
          MetricSample sample =
              new MetricSample(m.metricName(), labels, s * cfg.stepMs(), s * 10.0 + c);
          if (e == null) {
            e = ComponentFeatureExtractor.forSample(sample, cfg);
          }
          e.offer(sample);
        }
      }
      e.advanceTo(20 * cfg.stepMs());
      all.put(e.component(), e);
    }
    long whole = usedAfterGc() - before;
    System.out.printf(
        "whole extractors incl. series keys, maps, scratch: %.0f B/series (%d components x 10 series)%n",
        (double) whole / (components * 10L), components);
    if (all.size() != components || (windows != null)) {
      throw new IllegalStateException("unexpected");
    }
  }

  private static void fill(SeriesWindow w, FeatureConfig cfg) {
    for (long s = 1; s <= cfg.ringCapacity() + 5; s++) {
      w.offer(s * cfg.stepMs(), s, cfg.stepMs(), s - cfg.windowPoints() + 1);
      w.finalizeStep(s, cfg);
    }
  }

  private static long usedAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 4; i++) {
      System.gc();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
