package io.augur.job.features;

import io.augur.features.ExtractorCodec;
import io.augur.features.SeriesWindow;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** One series' window (key, ring, smoothers) in Flink's {@code MapState}, via the core's codec. */
public final class SeriesWindowSerializer extends TypeSerializerSingleton<SeriesWindow> {
  private static final long serialVersionUID = 1L;

  public static final SeriesWindowSerializer INSTANCE = new SeriesWindowSerializer();

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  public SeriesWindow createInstance() {
    return null;
  }

  @Override
  public SeriesWindow copy(SeriesWindow from) {
    if (from == null) {
      return null;
    }
    try {
      org.apache.flink.core.memory.DataOutputSerializer out =
          new org.apache.flink.core.memory.DataOutputSerializer(768);
      serialize(from, out);
      return deserialize(
          new org.apache.flink.core.memory.DataInputDeserializer(
              out.getSharedBuffer(), 0, out.length()));
    } catch (IOException e) {
      throw new IllegalStateException("cannot copy series state of " + from.key(), e);
    }
  }

  @Override
  public SeriesWindow copy(SeriesWindow from, SeriesWindow reuse) {
    return copy(from);
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(SeriesWindow w, DataOutputView out) throws IOException {
    ExtractorCodec.writeSeries(w, out);
  }

  @Override
  public SeriesWindow deserialize(DataInputView in) throws IOException {
    return ExtractorCodec.readSeries(in);
  }

  @Override
  public SeriesWindow deserialize(SeriesWindow reuse, DataInputView in) throws IOException {
    return deserialize(in);
  }

  @Override
  public void copy(DataInputView in, DataOutputView out) throws IOException {
    serialize(deserialize(in), out);
  }

  @Override
  public TypeSerializerSnapshot<SeriesWindow> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Stateless serializer; the format version is the core codec's. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<SeriesWindow> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
