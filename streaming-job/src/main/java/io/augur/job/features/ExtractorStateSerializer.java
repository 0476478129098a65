package io.augur.job.features;

import io.augur.features.ComponentFeatureExtractor;
import io.augur.features.ExtractorCodec;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A component's feature progress in Flink managed state (config, emitted step, counters; its series
 * live in a {@code MapState}, see {@link MapStateSeriesStore}): delegates to the core's versioned
 * {@link ExtractorCodec} (Flink's views are {@code java.io.DataOutput}/{@code DataInput}), so the
 * binary format is owned, versioned and tested in the pure-Java module. A value read back must be
 * {@code attach}ed to its series store before use.
 */
public final class ExtractorStateSerializer
    extends TypeSerializerSingleton<ComponentFeatureExtractor> {
  private static final long serialVersionUID = 1L;

  public static final ExtractorStateSerializer INSTANCE = new ExtractorStateSerializer();

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  public ComponentFeatureExtractor createInstance() {
    return null;
  }

  @Override
  public ComponentFeatureExtractor copy(ComponentFeatureExtractor from) {
    if (from == null) {
      return null;
    }
    try {
      org.apache.flink.core.memory.DataOutputSerializer out =
          new org.apache.flink.core.memory.DataOutputSerializer(512);
      serialize(from, out);
      return deserialize(
              new org.apache.flink.core.memory.DataInputDeserializer(
                  out.getSharedBuffer(), 0, out.length()))
          .attach(from.store());
    } catch (IOException e) {
      throw new IllegalStateException("cannot copy feature state of " + from.component(), e);
    }
  }

  @Override
  public ComponentFeatureExtractor copy(
      ComponentFeatureExtractor from, ComponentFeatureExtractor reuse) {
    return copy(from);
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(ComponentFeatureExtractor e, DataOutputView out) throws IOException {
    ExtractorCodec.write(e, out, false);
  }

  @Override
  public ComponentFeatureExtractor deserialize(DataInputView in) throws IOException {
    return ExtractorCodec.read(in);
  }

  @Override
  public ComponentFeatureExtractor deserialize(ComponentFeatureExtractor reuse, DataInputView in)
      throws IOException {
    return deserialize(in);
  }

  @Override
  public void copy(DataInputView in, DataOutputView out) throws IOException {
    serialize(deserialize(in), out);
  }

  @Override
  public TypeSerializerSnapshot<ComponentFeatureExtractor> snapshotConfiguration() {
    return new Snapshot();
  }

  /** The format version lives inside each value (see {@link ExtractorCodec#VERSION}). */
  public static final class Snapshot
      extends SimpleTypeSerializerSnapshot<ComponentFeatureExtractor> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
