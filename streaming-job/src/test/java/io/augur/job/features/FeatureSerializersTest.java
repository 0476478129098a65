package io.augur.job.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.domain.FeatureVector;
import io.augur.domain.MetricSample;
import io.augur.features.ComponentFeatureExtractor;
import io.augur.features.FeatureSchemas;
import io.augur.features.SeriesStore;
import io.augur.features.SeriesWindow;
import io.augur.fleet.DemoFleet;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class FeatureSerializersTest {

  private static <T> T roundTrip(TypeSerializer<T> s, T value) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(256);
    s.serialize(value, out);
    T back = s.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    // the snapshot restores the same serializer
    assertEquals(s, s.snapshotConfiguration().restoreSerializer());
    return back;
  }

  @Test
  void shouldKeepThePrometheusStaleMarkerThroughTheSampleSerializer() throws IOException {
    MetricSample stale =
        new MetricSample("up", Map.of("job", "a", "instance", "b"), 15_000, MetricSample.STALE_NAN);
    MetricSample back = roundTrip(MetricSampleSerializer.INSTANCE, stale);
    assertTrue(back.stale());
    assertEquals(stale.labels(), back.labels());
    MetricSample plain = new MetricSample("up", Map.of(), 0, -1.5);
    assertEquals(plain, roundTrip(MetricSampleSerializer.INSTANCE, plain));
  }

  @Test
  void shouldRoundTripAVectorWithItsSchema() throws IOException {
    double[] values = new double[FeatureSchemas.demoFleet().size()];
    Arrays.setAll(values, i -> i * 0.5 - 3);
    FeatureVector v =
        new FeatureVector(
            "checkout/checkout-0:8080",
            Map.of("job", "checkout", "instance", "checkout-0:8080"),
            30_000,
            FeatureSchemas.demoFleet(),
            values);
    FeatureVector back = roundTrip(FeatureVectorSerializer.INSTANCE, v);
    assertEquals(v, back);
    assertEquals(v.schema().hash(), back.schema().hash());
  }

  @Test
  void shouldCopyExtractorStateDeeply() throws IOException {
    DemoFleet fleet = FleetStreams.fleet(30);
    List<MetricSample> step0 = fleet.step(0);
    ComponentFeatureExtractor e =
        ComponentFeatureExtractor.forSample(step0.get(0), FleetStreams.CFG);
    for (long k = 0; k < 30; k++) {
      for (MetricSample s : fleet.step(k)) {
        if (s.labels().equals(step0.get(0).labels())) {
          e.offer(s);
        }
      }
      e.advanceTo(fleet.timeOf(k));
    }
    // progress only: the copy shares the series store, the series round-trip on their own
    ComponentFeatureExtractor copy = ExtractorStateSerializer.INSTANCE.copy(e);
    assertNotSame(e, copy);
    assertEquals(e.stats(), copy.stats());
    ComponentFeatureExtractor back = roundTrip(ExtractorStateSerializer.INSTANCE, e);
    assertEquals(e.lastEmittedMs(), back.lastEmittedMs());
    assertEquals(e.nextEmissionMs(), back.nextEmissionMs());
    SeriesStore restoredSeries = SeriesStore.onHeap();
    for (SeriesWindow w : e.store().all()) {
      restoredSeries.save(roundTrip(SeriesWindowSerializer.INSTANCE, w));
    }
    back.attach(restoredSeries);
    assertEquals(e.advanceTo(fleet.timeOf(29) + 30_000), back.advanceTo(fleet.timeOf(29) + 30_000));
  }
}
