package io.augur.job.types;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.augur.json.Wire;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Serialises an immutable record as length-prefixed JSON; unknown fields are ignored on read. */
public final class JsonSerializer<T> extends TypeSerializer<T> {
  private static final long serialVersionUID = 1L;

  static final ObjectMapper MAPPER = Wire.RECORDS;

  private final Class<T> type;

  public JsonSerializer(Class<T> type) {
    this.type = type;
  }

  @Override
  public boolean isImmutableType() {
    return true;
  }

  @Override
  public TypeSerializer<T> duplicate() {
    return this;
  }

  @Override
  public T createInstance() {
    return null;
  }

  @Override
  public T copy(T from) {
    return from;
  }

  @Override
  public T copy(T from, T reuse) {
    return from;
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(T record, DataOutputView target) throws IOException {
    byte[] bytes = MAPPER.writeValueAsBytes(record);
    target.writeInt(bytes.length);
    target.write(bytes);
  }

  @Override
  public T deserialize(DataInputView source) throws IOException {
    byte[] bytes = new byte[source.readInt()];
    source.readFully(bytes);
    return MAPPER.readValue(bytes, type);
  }

  @Override
  public T deserialize(T reuse, DataInputView source) throws IOException {
    return deserialize(source);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    int n = source.readInt();
    target.writeInt(n);
    target.write(source, n);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JsonSerializer<?> other && other.type.equals(type);
  }

  @Override
  public int hashCode() {
    return type.hashCode();
  }

  @Override
  public TypeSerializerSnapshot<T> snapshotConfiguration() {
    return new Snapshot<>(type);
  }

  /**
   * Remembers the record class; JSON tolerates added and removed fields, so any version is
   * compatible.
   */
  public static final class Snapshot<T> implements TypeSerializerSnapshot<T> {
    private Class<T> type;

    public Snapshot() {}

    Snapshot(Class<T> type) {
      this.type = type;
    }

    @Override
    public int getCurrentVersion() {
      return 1;
    }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
      out.writeUTF(type.getName());
    }

    @Override
    @SuppressWarnings("unchecked")
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader)
        throws IOException {
      String name = in.readUTF();
      try {
        type = (Class<T>) Class.forName(name, false, userCodeClassLoader);
      } catch (ClassNotFoundException e) {
        throw new IOException(
            "record class " + name + " of a JSON state serializer is not on the classpath", e);
      }
    }

    @Override
    public TypeSerializer<T> restoreSerializer() {
      return new JsonSerializer<>(type);
    }

    @Override
    public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(
        TypeSerializerSnapshot<T> oldSnapshot) {
      return oldSnapshot instanceof Snapshot<T> s && s.type.equals(type)
          ? TypeSerializerSchemaCompatibility.compatibleAsIs()
          : TypeSerializerSchemaCompatibility.incompatible();
    }
  }
}
