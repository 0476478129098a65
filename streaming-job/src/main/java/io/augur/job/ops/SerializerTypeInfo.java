package io.augur.job.ops;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Type information backed by one explicit serializer (no POJO analysis, no Kryo). */
public final class SerializerTypeInfo<T> extends TypeInformation<T> {
  private static final long serialVersionUID = 1L;

  public static final TypeInformation<io.augur.domain.MetricSample> METRIC_SAMPLE =
      new SerializerTypeInfo<>(io.augur.domain.MetricSample.class, MetricSampleSerializer.INSTANCE);
  public static final TypeInformation<IngestEvent> INGEST_EVENT =
      new SerializerTypeInfo<>(IngestEvent.class, IngestEventSerializer.INSTANCE);

  private final Class<T> type;
  private final TypeSerializer<T> serializer;

  public SerializerTypeInfo(Class<T> type, TypeSerializer<T> serializer) {
    if (type == null || serializer == null) {
      throw new IllegalArgumentException("type and serializer must not be null, got " + type + ", " + serializer);
    }
    this.type = type;
    this.serializer = serializer;
  }

  @Override
  public boolean isBasicType() {
    return false;
  }

  @Override
  public boolean isTupleType() {
    return false;
  }

  @Override
  public int getArity() {
    return 1;
  }

  @Override
  public int getTotalFields() {
    return 1;
  }

  @Override
  public Class<T> getTypeClass() {
    return type;
  }

  @Override
  public boolean isKeyType() {
    return false;
  }

  @Override
  public TypeSerializer<T> createSerializer(SerializerConfig config) {
    return serializer.duplicate();
  }

  @Override
  public String toString() {
    return "SerializerTypeInfo<" + type.getSimpleName() + ">";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SerializerTypeInfo<?> s && s.type.equals(type) && s.serializer.equals(serializer);
  }

  @Override
  public int hashCode() {
    return type.hashCode();
  }

  @Override
  public boolean canEqual(Object o) {
    return o instanceof SerializerTypeInfo;
  }
}
