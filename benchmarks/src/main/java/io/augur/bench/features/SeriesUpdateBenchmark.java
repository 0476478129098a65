package io.augur.bench.features;

import io.augur.domain.SeriesKey;
import io.augur.features.FeatureConfig;
import io.augur.features.OfferResult;
import io.augur.features.SeriesWindow;
import io.augur.fleet.FleetMetric;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The per-series update path: one sample into its series' ring ({@link SeriesWindow#offer}), and
 * the per-step finalisation that feeds the smoothers. One invocation scrapes every series once (a
 * new step), so each op is one sample; {@code series} controls how much state the caches see.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class SeriesUpdateBenchmark {
  static final int BATCH = 10_000;

  @Param({"10000", "100000"})
  int series;

  private FeatureConfig cfg;
  private SeriesWindow[] windows;
  private double[] values;
  private long step;
  private int next;

  @Setup
  public void setup() {
    cfg = FeatureConfig.demoFleet();
    windows = new SeriesWindow[series];
    for (int i = 0; i < series; i++) {
      windows[i] =
          new SeriesWindow(
              SeriesKey.of(
                  FleetMetric.values()[i % 10].metricName(), Map.of("instance", "i" + i / 10)),
              i % 10 == 4 || i % 10 == 5,
              cfg.ringCapacity());
    }
    SplittableRandom r = new SplittableRandom(1);
    values = new double[4096];
    Arrays.setAll(values, i -> 1000 + r.nextDouble() * 100);
    step = 1_000_000;
  }

  /** {@link #BATCH} samples, one per series, cycling through the series and the steps. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void offer(Blackhole bh) {
    long stepMs = cfg.stepMs();
    int w = cfg.windowPoints();
    for (int j = 0; j < BATCH; j++) {
      if (next == series) {
        next = 0;
        step++;
      }
      OfferResult r =
          windows[next].offer(
              step * stepMs, values[(int) (step + next) & 4095], stepMs, step - w + 1);
      bh.consume(r);
      next++;
    }
  }

  /** {@link #BATCH} samples offered and their step finalised (smoothers: EWMA x2, Holt). */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void offerAndFinalize(Blackhole bh) {
    long stepMs = cfg.stepMs();
    int w = cfg.windowPoints();
    for (int j = 0; j < BATCH; j++) {
      if (next == series) {
        next = 0;
        step++;
      }
      SeriesWindow win = windows[next];
      bh.consume(
          win.offer(step * stepMs, values[(int) (step + next) & 4095], stepMs, step - w + 1));
      win.finalizeStep(step, cfg);
      next++;
    }
  }
}
