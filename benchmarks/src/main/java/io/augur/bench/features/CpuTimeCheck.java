package io.augur.bench.features;

import io.augur.domain.MetricSample;
import io.augur.domain.SeriesKey;
import io.augur.features.ComponentFeatureExtractor;
import io.augur.features.FeatureConfig;
import io.augur.features.SeriesWindow;
import io.augur.features.WindowScratch;
import io.augur.fleet.DemoFleet;
import io.augur.fleet.FleetConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The same paths as the JMH benchmarks, timed by this thread's CPU time instead of wall time: on a
 * shared, overloaded machine that is the honest "per core" figure (JMH's wall-clock scores then
 * include time the thread spent waiting for a core). Median of 5 rounds after 5 warm-up rounds.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.augur.bench.features.CpuTimeCheck}
 */
public final class CpuTimeCheck {
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
  private static double sink;

  private CpuTimeCheck() {}

  public static void main(String[] args) {
    FeatureConfig cfg = FeatureConfig.demoFleet();
    int n = 100_000;
    SeriesWindow[] windows = new SeriesWindow[n];
    for (int i = 0; i < n; i++) {
      windows[i] =
          new SeriesWindow(SeriesKey.of("m" + i % 10, Map.of()), i % 10 == 4, cfg.ringCapacity());
    }
    long[] step = {1_000};
    report(
        "series offer (100k series)",
        n,
        () -> {
          step[0]++;
          for (int i = 0; i < n; i++) {
            sink +=
                windows[i]
                    .offer(step[0] * cfg.stepMs(), i + step[0], cfg.stepMs(), step[0] - 19)
                    .ordinal();
          }
        });
    report(
        "series offer + finalize (100k series)",
        n,
        () -> {
          step[0]++;
          for (int i = 0; i < n; i++) {
            windows[i].offer(step[0] * cfg.stepMs(), i + step[0], cfg.stepMs(), step[0] - 19);
            windows[i].finalizeStep(step[0], cfg);
          }
        });
    WindowScratch scratch = new WindowScratch(cfg.windowPoints());
    double[] out = new double[32];
    report(
        "series features, full window (10k series)",
        10_000,
        () -> {
          for (int i = 0; i < 10_000; i++) {
            windows[i].features(step[0], cfg, out, 0, scratch);
            sink += out[0];
          }
        });
    FleetConfig demo = FleetConfig.demo(1);
    DemoFleet fleet =
        new DemoFleet(new FleetConfig(1, 1, demo.startMs(), demo.stepMs(), 4_000, 0, false));
    List<List<MetricSample>> steps = new ArrayList<>();
    for (int k = 0; k < 4_000; k++) {
      steps.add(fleet.step(k));
    }
    report(
        "component step: 10 samples offered + 162-feature vector (per step)",
        4_000,
        () -> {
          ComponentFeatureExtractor e =
              ComponentFeatureExtractor.forSample(steps.get(0).get(0), cfg);
          for (int k = 0; k < 4_000; k++) {
            for (MetricSample s : steps.get(k)) {
              e.offer(s);
            }
            sink += e.advanceTo(fleet.timeOf(k) + cfg.allowedLatenessMs()).size();
          }
        });
    System.out.println("(sink " + (sink != 0) + ")");
  }

  private static void report(String what, int opsPerRound, Runnable round) {
    for (int i = 0; i < 5; i++) {
      round.run();
    }
    double[] ns = new double[5];
    for (int i = 0; i < ns.length; i++) {
      long t0 = CPU.getCurrentThreadCpuTime();
      round.run();
      ns[i] = (CPU.getCurrentThreadCpuTime() - t0) / (double) opsPerRound;
    }
    java.util.Arrays.sort(ns);
    System.out.printf("%-70s %10.1f ns/op CPU  (%.2fM ops/s per core)%n", what, ns[2], 1e3 / ns[2]);
  }
}
