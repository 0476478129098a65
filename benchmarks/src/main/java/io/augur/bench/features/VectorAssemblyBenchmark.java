package io.augur.bench.features;

import io.augur.domain.FeatureVector;
import io.augur.domain.MetricSample;
import io.augur.domain.SeriesKey;
import io.augur.features.ComponentFeatureExtractor;
import io.augur.features.FeatureConfig;
import io.augur.features.SeriesWindow;
import io.augur.features.WindowScratch;
import io.augur.fleet.DemoFleet;
import io.augur.fleet.FleetConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Vector assembly: the features of one full 20-point window of one series, and one whole demo
 * component step (its 10 samples offered, the step finalised, a 162-feature vector built).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class VectorAssemblyBenchmark {
  private static final int STEPS = 4_000;

  private FeatureConfig cfg;
  private SeriesWindow gauge;
  private SeriesWindow counter;
  private WindowScratch scratch;
  private double[] out;
  private long lastStep;

  private List<List<MetricSample>> steps;
  private DemoFleet fleet;
  private ComponentFeatureExtractor extractor;
  private int k;

  @Setup
  public void setup() {
    cfg = FeatureConfig.demoFleet();
    gauge = new SeriesWindow(SeriesKey.of("g", Map.of()), false, cfg.ringCapacity());
    counter = new SeriesWindow(SeriesKey.of("c_total", Map.of()), true, cfg.ringCapacity());
    for (long s = 1; s <= 40; s++) {
      gauge.offer(s * cfg.stepMs(), Math.sin(s) * 10 + 50, cfg.stepMs(), Long.MIN_VALUE);
      counter.offer(s * cfg.stepMs(), s * 123.0 + (s % 7), cfg.stepMs(), Long.MIN_VALUE);
      gauge.finalizeStep(s, cfg);
      counter.finalizeStep(s, cfg);
    }
    lastStep = 40;
    scratch = new WindowScratch(cfg.windowPoints());
    out = new double[32];

    FleetConfig demo = FleetConfig.demo(1).withFailures(0).withSteps(STEPS);
    fleet =
        new DemoFleet(
            new FleetConfig(1, demo.seed(), demo.startMs(), demo.stepMs(), STEPS, 0, false));
    steps = new ArrayList<>(STEPS);
    for (int i = 0; i < STEPS; i++) {
      steps.add(fleet.step(i));
    }
    restart();
  }

  private void restart() {
    extractor = ComponentFeatureExtractor.forSample(steps.get(0).get(0), cfg);
    k = 0;
  }

  /** Every feature of one gauge series over a full window. */
  @Benchmark
  public double[] gaugeSeriesFeatures() {
    gauge.features(lastStep, cfg, out, 0, scratch);
    return out;
  }

  /** Every feature of one counter series (rates, Prometheus rate()) over a full window. */
  @Benchmark
  public double[] counterSeriesFeatures() {
    counter.features(lastStep, cfg, out, 0, scratch);
    return out;
  }

  /** One demo component step: 10 samples offered, then the step's 162-feature vector assembled. */
  @Benchmark
  public void componentStep(Blackhole bh) {
    if (k == STEPS) {
      restart(); // amortised over 4,000 steps
    }
    for (MetricSample s : steps.get(k)) {
      bh.consume(extractor.offer(s));
    }
    List<FeatureVector> v = extractor.advanceTo(fleet.timeOf(k) + cfg.allowedLatenessMs());
    bh.consume(v);
    k++;
  }
}
