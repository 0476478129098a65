package io.augur.job.ops;

import io.augur.domain.MetricSample;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * A compact Flink serializer for {@link MetricSample} (metric, label pairs, timestamp, value bits).
 * Without it Flink falls back to Kryo for the label map, and Kryo cannot rebuild the record's
 * unmodifiable sorted map.
 */
public final class MetricSampleSerializer extends TypeSerializerSingleton<MetricSample> {
  private static final long serialVersionUID = 1L;
  public static final MetricSampleSerializer INSTANCE = new MetricSampleSerializer();

  @Override
  public boolean isImmutableType() {
    return true;
  }

  @Override
  public MetricSample createInstance() {
    return null;
  }

  @Override
  public MetricSample copy(MetricSample from) {
    return from;
  }

  @Override
  public MetricSample copy(MetricSample from, MetricSample reuse) {
    return from;
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(MetricSample s, DataOutputView out) throws IOException {
    write(s, out);
  }

  static void write(MetricSample s, java.io.DataOutput out) throws IOException {
    StringValue.writeString(s.metric(), out);
    out.writeInt(s.labels().size());
    for (Map.Entry<String, String> e : s.labels().entrySet()) {
      StringValue.writeString(e.getKey(), out);
      StringValue.writeString(e.getValue(), out);
    }
    out.writeLong(s.timestampMs());
    out.writeLong(Double.doubleToRawLongBits(s.value()));
  }

  static MetricSample read(java.io.DataInput in) throws IOException {
    String metric = StringValue.readString(in);
    int n = in.readInt();
    Map<String, String> labels = new HashMap<>(n * 2);
    for (int i = 0; i < n; i++) {
      labels.put(StringValue.readString(in), StringValue.readString(in));
    }
    return new MetricSample(metric, labels, in.readLong(), Double.longBitsToDouble(in.readLong()));
  }

  @Override
  public MetricSample deserialize(DataInputView in) throws IOException {
    return read(in);
  }

  @Override
  public MetricSample deserialize(MetricSample reuse, DataInputView in) throws IOException {
    return read(in);
  }

  @Override
  public void copy(DataInputView in, DataOutputView out) throws IOException {
    write(read(in), out);
  }

  @Override
  public TypeSerializerSnapshot<MetricSample> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Serializer snapshot (format version 1). */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<MetricSample> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
