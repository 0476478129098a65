package io.augur.job.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.augur.domain.FeatureVector;
import io.augur.domain.MetricSample;
import io.augur.features.FeatureConfig;
import io.augur.features.FleetFeatures;
import io.augur.fleet.DemoFleet;
import io.augur.fleet.FleetConfig;
import io.augur.ingest.PrometheusJson;
import io.augur.job.AugurJob;
import io.augur.job.EventTimeWatermarks;
import io.augur.job.features.ComponentFeatureFunction;
import io.augur.job.features.ComponentKeySelector;
import io.augur.job.features.FeatureTypes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The job computes the same vectors that training computed offline: models see in production what
 * they learnt on.
 */
class FeatureParityITCase {

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  @Test
  void jobVectorsShouldEqualOfflineVectors() throws Exception {
    FleetConfig fc = new FleetConfig(3, 5, FleetConfig.DEFAULT_START_MS, 15_000, 240, 0, true);
    DemoFleet fleet = new DemoFleet(fc);
    FeatureConfig cfg = FeatureConfig.demoFleet();
    List<String> lines = new ArrayList<>();
    for (long k = 0; k < fleet.steps(); k++) {
      for (MetricSample s : fleet.step(k)) {
        lines.add(PrometheusJson.format(s));
      }
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    AugurJob.Inputs in = AugurJob.Inputs.fromRawJson(env.fromData(lines).setParallelism(1));
    ((org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator<MetricSample>)
            in.samples())
        .setParallelism(1);
    DataStream<FeatureVector> vectors =
        in.samples()
            .assignTimestampsAndWatermarks(EventTimeWatermarks.strategy(Duration.ofSeconds(30)))
            .keyBy(new ComponentKeySelector(cfg), BasicTypeInfo.STRING_TYPE_INFO)
            .process(new ComponentFeatureFunction(cfg), FeatureTypes.FEATURE_VECTOR);
    List<FeatureVector> job = new ArrayList<>();
    vectors.executeAndCollect().forEachRemaining(job::add);

    Map<String, List<FeatureVector>> offline = FleetFeatures.vectors(fleet, cfg);
    for (String c : fleet.components()) {
      List<FeatureVector> fromJob =
          job.stream()
              .filter(v -> v.component().equals(c))
              .sorted(Comparator.comparingLong(FeatureVector::timestampMs))
              .toList();
      List<FeatureVector> expected = offline.get(c);
      long lastOffline = expected.get(expected.size() - 1).timestampMs();
      // past the end of input the job keeps emitting (staleness grows) until the series' TTL: not
      // compared
      fromJob = fromJob.stream().filter(v -> v.timestampMs() <= lastOffline).toList();
      assertEquals(expected.size(), fromJob.size(), "vectors of " + c);
      for (int i = 0; i < expected.size(); i++) {
        FeatureVector e = expected.get(i);
        FeatureVector j = fromJob.get(i);
        assertEquals(e.timestampMs(), j.timestampMs(), c + " vector " + i);
        for (int f = 0; f < e.schema().size(); f++) {
          assertEquals(
              e.valueAt(f),
              j.valueAt(f),
              1e-9 * Math.max(1, Math.abs(e.valueAt(f))),
              c + " @" + e.timestampMs() + " " + e.schema().features().get(f));
        }
      }
    }
  }
}
