package io.augur.job.scoring;

import io.augur.domain.FeatureVector;
import io.augur.job.features.FeatureVectorSerializer;
import io.augur.models.ComponentWindow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Explicit serializer for {@link ComponentWindow}: component, labels, then its vectors. */
public final class ComponentWindowSerializer extends TypeSerializerSingleton<ComponentWindow> {
  private static final long serialVersionUID = 1L;

  public static final ComponentWindowSerializer INSTANCE = new ComponentWindowSerializer();

  @Override
  public boolean isImmutableType() {
    return true;
  }

  @Override
  public ComponentWindow createInstance() {
    return null;
  }

  @Override
  public ComponentWindow copy(ComponentWindow from) {
    return from;
  }

  @Override
  public ComponentWindow copy(ComponentWindow from, ComponentWindow reuse) {
    return from;
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(ComponentWindow w, DataOutputView out) throws IOException {
    out.writeUTF(w.component());
    out.writeInt(w.labels().size());
    for (Map.Entry<String, String> e : new TreeMap<>(w.labels()).entrySet()) {
      out.writeUTF(e.getKey());
      out.writeUTF(e.getValue());
    }
    out.writeInt(w.recent().size());
    for (FeatureVector v : w.recent()) {
      FeatureVectorSerializer.INSTANCE.serialize(v, out);
    }
  }

  @Override
  public ComponentWindow deserialize(DataInputView in) throws IOException {
    String component = in.readUTF();
    int n = in.readInt();
    Map<String, String> labels = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      labels.put(in.readUTF(), in.readUTF());
    }
    int m = in.readInt();
    List<FeatureVector> recent = new ArrayList<>(m);
    for (int i = 0; i < m; i++) {
      recent.add(FeatureVectorSerializer.INSTANCE.deserialize(in));
    }
    return new ComponentWindow(component, labels, recent);
  }

  @Override
  public ComponentWindow deserialize(ComponentWindow reuse, DataInputView in) throws IOException {
    return deserialize(in);
  }

  @Override
  public void copy(DataInputView in, DataOutputView out) throws IOException {
    serialize(deserialize(in), out);
  }

  @Override
  public TypeSerializerSnapshot<ComponentWindow> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Snapshot of the singleton serializer. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<ComponentWindow> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
