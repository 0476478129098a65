package io.augur.job.ingest;

import io.augur.domain.DeadLetter;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/** Flink serializer for {@link IngestEvent}: a tag byte, then the sample or the dead letter. */
public final class IngestEventSerializer extends TypeSerializerSingleton<IngestEvent> {
  private static final long serialVersionUID = 1L;
  public static final IngestEventSerializer INSTANCE = new IngestEventSerializer();

  /** Its type information: the source's produced type, never a Kryo fallback. */
  public static final org.apache.flink.api.common.typeinfo.TypeInformation<IngestEvent> TYPE =
      new io.augur.job.types.ExplicitTypeInfo<>(IngestEvent.class, INSTANCE);

  @Override
  public boolean isImmutableType() {
    return true;
  }

  @Override
  public IngestEvent createInstance() {
    return null;
  }

  @Override
  public IngestEvent copy(IngestEvent from) {
    return from;
  }

  @Override
  public IngestEvent copy(IngestEvent from, IngestEvent reuse) {
    return from;
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(IngestEvent e, DataOutputView out) throws IOException {
    if (e.isSample()) {
      out.writeByte(0);
      io.augur.job.features.MetricSampleSerializer.INSTANCE.serialize(e.sample(), out);
    } else {
      DeadLetter d = e.deadLetter();
      out.writeByte(1);
      StringValue.writeString(d.stage(), out);
      StringValue.writeString(d.rawInput(), out);
      StringValue.writeString(d.errorClass(), out);
      StringValue.writeString(d.message(), out);
      out.writeLong(d.timestampMs());
    }
  }

  @Override
  public IngestEvent deserialize(DataInputView in) throws IOException {
    byte tag = in.readByte();
    if (tag == 0) {
      return IngestEvent.of(io.augur.job.features.MetricSampleSerializer.INSTANCE.deserialize(in));
    }
    if (tag != 1) {
      throw new IOException("IngestEvent: unknown tag " + tag);
    }
    return IngestEvent.dead(
        new DeadLetter(
            StringValue.readString(in),
            StringValue.readString(in),
            StringValue.readString(in),
            StringValue.readString(in),
            in.readLong()));
  }

  @Override
  public IngestEvent deserialize(IngestEvent reuse, DataInputView in) throws IOException {
    return deserialize(in);
  }

  @Override
  public void copy(DataInputView in, DataOutputView out) throws IOException {
    serialize(deserialize(in), out);
  }

  @Override
  public TypeSerializerSnapshot<IngestEvent> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Serializer snapshot (format version 1). */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<IngestEvent> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
