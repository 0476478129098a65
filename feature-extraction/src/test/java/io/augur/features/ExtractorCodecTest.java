package io.augur.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.augur.domain.FeatureVector;
import io.augur.domain.MetricSample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExtractorCodecTest {

  @Test
  void shouldContinueIdenticallyAfterARoundTripMidStream() {
    FeatureConfig cfg = RandomStreams.config();
    List<MetricSample> stream = RandomStreams.stream(7, cfg, 400);
    ComponentFeatureExtractor straight = RandomStreams.extractor(cfg);
    ComponentFeatureExtractor restored = RandomStreams.extractor(cfg);
    List<FeatureVector> a = new ArrayList<>();
    List<FeatureVector> b = new ArrayList<>();
    int half = stream.size() / 2;
    for (int i = 0; i < stream.size(); i++) {
      if (i == half) {
        restored = ExtractorCodec.copy(restored);
      }
      MetricSample s = stream.get(i);
      assertEquals(straight.offer(s), restored.offer(s));
      a.addAll(straight.advanceTo(RandomStreams.watermarkAfter(s, cfg)));
      b.addAll(restored.advanceTo(RandomStreams.watermarkAfter(s, cfg)));
    }
    a.addAll(straight.advanceTo(Long.MAX_VALUE));
    b.addAll(restored.advanceTo(Long.MAX_VALUE));
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.get(i).asMap().toString(), b.get(i).asMap().toString(), "vector " + i);
    }
    assertEquals(a, b);
    assertEquals(straight.stats(), restored.stats());
  }

  @Test
  void shouldContinueFromProgressOnlyStateAttachedToItsSeriesStore() throws IOException {
    FeatureConfig cfg = RandomStreams.config();
    List<MetricSample> stream = RandomStreams.stream(11, cfg, 200);
    ComponentFeatureExtractor straight = RandomStreams.extractor(cfg);
    ComponentFeatureExtractor external = RandomStreams.extractor(cfg);
    List<FeatureVector> a = new ArrayList<>();
    List<FeatureVector> b = new ArrayList<>();
    for (MetricSample s : stream) {
      // as the streaming job does: progress read back on every access, series kept in their own
      // store
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      ExtractorCodec.write(external, new java.io.DataOutputStream(bytes), false);
      SeriesStore store = external.store();
      external =
          ExtractorCodec.read(
              new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())));
      assertThrows(IllegalStateException.class, external.store()::all);
      external.attach(store);
      assertEquals(straight.offer(s), external.offer(s));
      a.addAll(straight.advanceTo(RandomStreams.watermarkAfter(s, cfg)));
      b.addAll(external.advanceTo(RandomStreams.watermarkAfter(s, cfg)));
    }
    assertEquals(a, b);
    assertEquals(straight.stats(), external.stats());
  }

  @Test
  void shouldRefuseAnUnknownStateVersion() {
    byte[] bytes = ExtractorCodec.toBytes(RandomStreams.extractor(RandomStreams.config()));
    bytes[3] = 99;
    UncheckedIOException e =
        assertThrows(UncheckedIOException.class, () -> ExtractorCodec.fromBytes(bytes));
    assertEquals(IOException.class, e.getCause().getClass());
  }
}
