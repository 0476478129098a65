package io.augur.job.features;

import io.augur.domain.MetricSample;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * {@link MetricSample}: metric, labels (sorted), timestamp, and the value's raw bits, so that
 * Prometheus' stale-marker NaN survives (a plain {@code writeDouble} would canonicalise it).
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
    out.writeUTF(s.metric());
    out.writeInt(s.labels().size());
    for (Map.Entry<String, String> e : s.labels().entrySet()) {
      out.writeUTF(e.getKey());
      out.writeUTF(e.getValue());
    }
    out.writeLong(s.timestampMs());
    out.writeLong(Double.doubleToRawLongBits(s.value()));
  }

  @Override
  public MetricSample deserialize(DataInputView in) throws IOException {
    String metric = in.readUTF();
    int n = in.readInt();
    if (n < 0 || n > 10_000) {
      throw new IOException("corrupt MetricSample: " + n + " labels");
    }
    Map<String, String> labels = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      labels.put(in.readUTF(), in.readUTF());
    }
    long ts = in.readLong();
    return new MetricSample(metric, labels, ts, Double.longBitsToDouble(in.readLong()));
  }

  @Override
  public MetricSample deserialize(MetricSample reuse, DataInputView in) throws IOException {
    return deserialize(in);
  }

  @Override
  public void copy(DataInputView in, DataOutputView out) throws IOException {
    serialize(deserialize(in), out);
  }

  @Override
  public TypeSerializerSnapshot<MetricSample> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Stateless serializer: restoring needs no configuration. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<MetricSample> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
