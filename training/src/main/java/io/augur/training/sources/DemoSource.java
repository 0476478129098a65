package io.augur.training.sources;

import io.augur.domain.MetricSample;
import io.augur.domain.SeriesKey;
import io.augur.features.ComponentKeys;
import io.augur.features.FeatureConfig;
import io.augur.fleet.DemoFleet;
import io.augur.fleet.FleetConfig;
import io.augur.fleet.InjectedFailure;
import io.augur.models.ProgressListener;
import io.augur.models.inject.RawSeries;
import io.augur.training.demo.DemoTrainingSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Simulated fleets ({@link DemoFleet}, seeds {@code fleetSeed .. fleetSeed + fleets - 1}) with
 * their real labels: a window ending in a failure's warning window [onset, failure] is failing
 * (mode and failure time known), one ending after the failure until {@link
 * DemoTrainingSet#SETTLE_MS} past the restart is left out, every other window is normal. Components
 * are the fleet's {@code job/instance}.
 */
public final class DemoSource implements TrainingSource {
  public static final String LABEL_SOURCE = "demo";

  private final SourceOptions options;

  public DemoSource(SourceOptions options) {
    this.options = options;
  }

  @Override
  public String name() {
    return "demo";
  }

  @Override
  public SourceHistory read(ProgressListener progress) {
    FeatureConfig cfg = FeatureConfig.demoFleet();
    if (options.fleets() < 1 || !(options.hours() > 0)) {
      throw new IllegalArgumentException(
          "--fleets and --hours must be positive, got "
              + options.fleets()
              + ", "
              + options.hours());
    }
    long steps = Math.round(options.hours() * 3_600_000 / cfg.stepMs());
    List<FleetConfig> fleets =
        DemoTrainingSet.trainingFleets(options.fleets(), options.fleetSeed(), steps);
    List<ComponentHistory> out = new ArrayList<>();
    for (int f = 0; f < fleets.size(); f++) {
      progress.onProgress("simulate fleets", f, fleets.size());
      out.addAll(histories(new DemoFleet(fleets.get(f)), cfg));
    }
    progress.onProgress("simulate fleets", fleets.size(), fleets.size());
    return new SourceHistory(
        "demo",
        cfg,
        out,
        fleets.size()
            + " simulated fleet(s) of "
            + options.hours()
            + " h, seeds "
            + options.fleetSeed()
            + "-"
            + (options.fleetSeed() + fleets.size() - 1),
        true);
  }

  static List<ComponentHistory> histories(DemoFleet fleet, FeatureConfig cfg) {
    Map<String, Map<SeriesKey, Builder>> byComponent = new LinkedHashMap<>();
    for (String c : fleet.components()) {
      byComponent.put(c, new LinkedHashMap<>());
    }
    for (long k = 0; k < fleet.steps(); k++) {
      for (MetricSample s : fleet.step(k)) {
        byComponent
            .computeIfAbsent(ComponentKeys.componentOf(s, cfg), x -> new LinkedHashMap<>())
            .computeIfAbsent(s.seriesKey(), x -> new Builder(s))
            .add(s.timestampMs(), s.value());
      }
    }
    List<ComponentHistory> out = new ArrayList<>();
    for (Map.Entry<String, Map<SeriesKey, Builder>> e : byComponent.entrySet()) {
      List<LabelSpan> spans = new ArrayList<>();
      for (InjectedFailure f : fleet.failures()) {
        if (f.component().equals(e.getKey())) {
          spans.add(
              new LabelSpan(
                  e.getKey(),
                  f.onsetMs(),
                  f.failureMs() + 1,
                  LabelSpan.Kind.FAILING,
                  f.mode(),
                  f.failureMs(),
                  LABEL_SOURCE));
          spans.add(
              new LabelSpan(
                  e.getKey(),
                  f.failureMs() + 1,
                  f.recoveredMs() + DemoTrainingSet.SETTLE_MS,
                  LabelSpan.Kind.EXCLUDED,
                  null,
                  null,
                  LABEL_SOURCE));
        }
      }
      List<RawSeries> series = e.getValue().values().stream().map(Builder::build).toList();
      out.add(
          new ComponentHistory(
              "fleet-" + fleet.config().seed() + ":" + e.getKey(), e.getKey(), series, spans));
    }
    return out;
  }

  private static final class Builder {
    final MetricSample first;
    long[] t = new long[256];
    double[] v = new double[256];
    int n;

    Builder(MetricSample first) {
      this.first = first;
    }

    void add(long ts, double value) {
      if (n == t.length) {
        t = java.util.Arrays.copyOf(t, n * 2);
        v = java.util.Arrays.copyOf(v, n * 2);
      }
      t[n] = ts;
      v[n++] = value;
    }

    RawSeries build() {
      return new RawSeries(
          first.metric(),
          first.labels(),
          java.util.Arrays.copyOf(t, n),
          java.util.Arrays.copyOf(v, n));
    }
  }
}
