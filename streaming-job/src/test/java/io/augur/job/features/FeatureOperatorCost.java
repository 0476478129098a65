package io.augur.job.features;

import io.augur.domain.FeatureVector;
import io.augur.domain.MetricSample;
import io.augur.features.FeatureConfig;
import io.augur.fleet.DemoFleet;
import io.augur.fleet.FleetConfig;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * Not a test: a rough cost check of the keyed operator in Flink's harness, heap vs RocksDB (whose
 * value state is serialized on every access). 20 demo components x 10 metrics x 400 steps, twice
 * each (the second round is the warmed-up figure). Run from the test classpath with a {@code main}.
 */
public final class FeatureOperatorCost {
  private FeatureOperatorCost() {}

  public static void main(String[] args) throws Exception {
    FeatureConfig cfg = FeatureConfig.demoFleet();
    FleetConfig d = FleetConfig.demo(5);
    DemoFleet fleet = new DemoFleet(new FleetConfig(20, 5, d.startMs(), d.stepMs(), 400, 0, false));
    List<List<MetricSample>> steps = new ArrayList<>();
    for (int k = 0; k < 400; k++) {
      steps.add(fleet.step(k));
    }
    for (boolean rocks : new boolean[] {false, true, false, true}) {
      var h =
          new KeyedOneInputStreamOperatorTestHarness<String, MetricSample, FeatureVector>(
              new KeyedProcessOperator<>(new ComponentFeatureFunction(cfg)),
              new ComponentKeySelector(cfg),
              BasicTypeInfo.STRING_TYPE_INFO);
      if (rocks) {
        h.setStateBackend(new EmbeddedRocksDBStateBackend());
      }
      h.setup(FeatureVectorSerializer.INSTANCE);
      h.open();
      long t0 = System.nanoTime();
      long n = 0;
      for (int k = 0; k < 400; k++) {
        for (MetricSample s : steps.get(k)) {
          h.processElement(s, s.timestampMs());
          n++;
        }
        h.processWatermark(fleet.timeOf(k));
        h.getOutput().clear();
      }
      double sec = (System.nanoTime() - t0) / 1e9;
      System.out.printf(
          "%-7s %d samples in %.2f s = %.0f samples/s (vectors included)%n",
          rocks ? "rocksdb" : "heap", n, sec, n / sec);
      h.close();
    }
  }
}
