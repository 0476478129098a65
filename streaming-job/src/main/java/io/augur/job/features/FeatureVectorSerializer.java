package io.augur.job.features;

import io.augur.domain.FeatureSchema;
import io.augur.domain.FeatureVector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * {@link FeatureVector}: component, labels, timestamp, its whole schema (so every record is
 * self-describing) and the values. Schemas are few: their encoded form and decoded object are
 * cached, so a vector costs one schema block copy, not one string object per feature name.
 */
public final class FeatureVectorSerializer extends TypeSerializerSingleton<FeatureVector> {
  private static final long serialVersionUID = 1L;

  public static final FeatureVectorSerializer INSTANCE = new FeatureVectorSerializer();

  private static final int CACHE_LIMIT = 64;
  private static final Map<FeatureSchema, byte[]> ENCODED = new ConcurrentHashMap<>();
  private static final Map<String, FeatureSchema> DECODED = new ConcurrentHashMap<>();

  @Override
  public boolean isImmutableType() {
    return true;
  }

  @Override
  public FeatureVector createInstance() {
    return null;
  }

  @Override
  public FeatureVector copy(FeatureVector from) {
    return from;
  }

  @Override
  public FeatureVector copy(FeatureVector from, FeatureVector reuse) {
    return from;
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(FeatureVector v, DataOutputView out) throws IOException {
    out.writeUTF(v.component());
    Map<String, String> labels = new TreeMap<>(v.componentLabels());
    out.writeInt(labels.size());
    for (Map.Entry<String, String> e : labels.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeUTF(e.getValue());
    }
    out.writeLong(v.timestampMs());
    FeatureSchema schema = v.schema();
    out.writeUTF(schema.name());
    out.writeInt(schema.version());
    byte[] block = encode(schema);
    out.writeInt(block.length);
    out.write(block);
    out.writeInt(schema.size());
    for (int i = 0; i < schema.size(); i++) {
      out.writeDouble(v.valueAt(i));
    }
  }

  @Override
  public FeatureVector deserialize(DataInputView in) throws IOException {
    String component = in.readUTF();
    int n = in.readInt();
    if (n < 0 || n > 10_000) {
      throw new IOException("corrupt FeatureVector: " + n + " labels");
    }
    Map<String, String> labels = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      labels.put(in.readUTF(), in.readUTF());
    }
    long ts = in.readLong();
    String name = in.readUTF();
    int version = in.readInt();
    int len = in.readInt();
    if (len < 0 || len > (1 << 24)) {
      throw new IOException("corrupt FeatureVector: schema block of " + len + " bytes");
    }
    byte[] block = new byte[len];
    in.readFully(block);
    FeatureSchema schema = decode(name, version, block);
    int size = in.readInt();
    if (size != schema.size()) {
      throw new IOException(
          "corrupt FeatureVector: " + size + " values for schema of " + schema.size());
    }
    double[] values = new double[size];
    for (int i = 0; i < size; i++) {
      values[i] = in.readDouble();
    }
    return new FeatureVector(component, labels, ts, schema, values);
  }

  @Override
  public FeatureVector deserialize(FeatureVector reuse, DataInputView in) throws IOException {
    return deserialize(in);
  }

  @Override
  public void copy(DataInputView in, DataOutputView out) throws IOException {
    serialize(deserialize(in), out);
  }

  private static byte[] encode(FeatureSchema schema) {
    byte[] b = ENCODED.get(schema);
    if (b == null) {
      b = String.join("\n", schema.features()).getBytes(StandardCharsets.UTF_8);
      if (ENCODED.size() >= CACHE_LIMIT) {
        ENCODED.clear();
      }
      ENCODED.put(schema, b);
    }
    return b;
  }

  private static FeatureSchema decode(String name, int version, byte[] block) {
    String key =
        name + "\u0000" + version + "\u0000" + block.length + "\u0000" + Arrays.hashCode(block);
    FeatureSchema cached = DECODED.get(key);
    if (cached != null && Arrays.equals(encode(cached), block)) {
      return cached;
    }
    FeatureSchema s =
        new FeatureSchema(
            name, version, List.of(new String(block, StandardCharsets.UTF_8).split("\n", -1)));
    if (DECODED.size() >= CACHE_LIMIT) {
      DECODED.clear();
    }
    DECODED.put(key, s);
    return s;
  }

  @Override
  public TypeSerializerSnapshot<FeatureVector> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Stateless serializer: restoring needs no configuration. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<FeatureVector> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
