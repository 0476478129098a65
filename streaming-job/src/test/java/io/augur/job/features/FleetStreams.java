package io.augur.job.features;

import io.augur.domain.FeatureVector;
import io.augur.domain.MetricSample;
import io.augur.features.FeatureConfig;
import io.augur.fleet.DemoFleet;
import io.augur.fleet.FleetConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/** Shared fixtures: a small quiet demo fleet fed into the keyed harness step by step. */
final class FleetStreams {
  static final FeatureConfig CFG = FeatureConfig.demoFleet();

  private FleetStreams() {}

  static DemoFleet fleet(int steps) {
    FleetConfig c = FleetConfig.demo(5).withFailures(0).withSteps(steps);
    return new DemoFleet(new FleetConfig(4, c.seed(), c.startMs(), c.stepMs(), steps, 0, true));
  }

  static KeyedOneInputStreamOperatorTestHarness<String, MetricSample, FeatureVector> harness()
      throws Exception {
    return harness(false);
  }

  /** A harness on the heap backend, or on RocksDB (state serialized on every access). */
  static KeyedOneInputStreamOperatorTestHarness<String, MetricSample, FeatureVector> harness(
      boolean rocksDb) throws Exception {
    return harness(new ComponentFeatureFunction(CFG), rocksDb);
  }

  static KeyedOneInputStreamOperatorTestHarness<String, MetricSample, FeatureVector> harness(
      ComponentFeatureFunction f) throws Exception {
    return harness(f, false);
  }

  static KeyedOneInputStreamOperatorTestHarness<String, MetricSample, FeatureVector> harness(
      ComponentFeatureFunction f, boolean rocksDb) throws Exception {
    KeyedOneInputStreamOperatorTestHarness<String, MetricSample, FeatureVector> h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(f),
            new ComponentKeySelector(CFG),
            BasicTypeInfo.STRING_TYPE_INFO);
    if (rocksDb) {
      h.setStateBackend(new org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend());
    }
    h.setup(FeatureVectorSerializer.INSTANCE);
    return h;
  }

  /** Feeds steps {@code [from, to)}: every sample, then a watermark at the step's time. */
  static void feed(
      KeyedOneInputStreamOperatorTestHarness<String, MetricSample, FeatureVector> h,
      DemoFleet fleet,
      long from,
      long to)
      throws Exception {
    for (long k = from; k < to; k++) {
      for (MetricSample s : fleet.step(k)) {
        h.processElement(s, s.timestampMs());
      }
      h.processWatermark(fleet.timeOf(k));
    }
  }

  /**
   * The main output's vectors, ordered by time then component (timers of one instant fire in any
   * key order).
   */
  static List<FeatureVector> vectors(
      KeyedOneInputStreamOperatorTestHarness<String, MetricSample, FeatureVector> h) {
    List<FeatureVector> out = new ArrayList<>();
    for (Object o : h.getOutput()) {
      if (o instanceof StreamRecord<?> r) {
        out.add((FeatureVector) r.getValue());
      }
    }
    out.sort(
        Comparator.comparingLong(FeatureVector::timestampMs)
            .thenComparing(FeatureVector::component));
    return out;
  }
}
