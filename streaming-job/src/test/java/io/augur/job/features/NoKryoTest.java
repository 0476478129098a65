package io.augur.job.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.augur.domain.FeatureVector;
import io.augur.domain.MetricSample;
import io.augur.features.FleetFeatures;
import io.augur.fleet.DemoFleet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.runtime.kryo.KryoSerializer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/**
 * The feature path needs no Kryo: its types have explicit serializers and a job runs with generic
 * types disabled.
 */
class NoKryoTest {

  @Test
  void shouldGiveEveryTypeOfTheFeaturePathAnExplicitSerializer() {
    SerializerConfigImpl noGenerics = new SerializerConfigImpl();
    noGenerics.setGenericTypes(false);
    List<TypeInformation<?>> types =
        List.of(
            FeatureTypes.METRIC_SAMPLE,
            FeatureTypes.FEATURE_VECTOR,
            FeatureTypes.EXTRACTOR_STATE,
            ComponentFeatureFunction.LATE.getTypeInfo(),
            ComponentFeatureFunction.OVER_CAP.getTypeInfo(),
            FeatureTypes.SERIES_WINDOW);
    for (TypeInformation<?> t : types) {
      TypeSerializer<?> s = t.createSerializer(noGenerics);
      assertFalse(s instanceof KryoSerializer, t + " falls back to Kryo");
    }
  }

  @Test
  void shouldRunTheKeyedFeatureStageWithGenericTypesDisabled() throws Exception {
    Configuration conf = new Configuration();
    conf.set(PipelineOptions.GENERIC_TYPES, false);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(2);
    DemoFleet fleet = FleetStreams.fleet(40);
    List<MetricSample> samples = new ArrayList<>();
    for (long k = 0; k < fleet.steps(); k++) {
      samples.addAll(fleet.step(k));
    }
    SingleOutputStreamOperator<FeatureVector> vectors =
        env.fromData(samples, FeatureTypes.METRIC_SAMPLE)
            .assignTimestampsAndWatermarks(
                WatermarkStrategy.<MetricSample>forBoundedOutOfOrderness(Duration.ofSeconds(5))
                    .withTimestampAssigner((s, t) -> s.timestampMs()))
            .keyBy(new ComponentKeySelector(FleetStreams.CFG), BasicTypeInfo.STRING_TYPE_INFO)
            .process(new ComponentFeatureFunction(FleetStreams.CFG), FeatureTypes.FEATURE_VECTOR)
            .name("features");
    List<FeatureVector> out = new ArrayList<>();
    try (var it = vectors.executeAndCollect("features-no-kryo")) {
      it.forEachRemaining(out::add);
    }
    long lastStep = fleet.timeOf(fleet.steps() - 1);
    List<FeatureVector> withinFleet =
        out.stream().filter(v -> v.timestampMs() <= lastStep).toList();
    int expected =
        FleetFeatures.vectors(fleet, FleetStreams.CFG).values().stream().mapToInt(List::size).sum();
    assertEquals(expected, withinFleet.size());
  }
}
