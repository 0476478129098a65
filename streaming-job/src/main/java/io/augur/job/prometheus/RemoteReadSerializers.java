package io.augur.job.prometheus;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** Checkpoint formats (version 1) of the remote-read splits and of the enumerator's state. */
public final class RemoteReadSerializers {
  private RemoteReadSerializers() {}

  /** Splits. */
  public static final class Splits implements SimpleVersionedSerializer<RemoteReadSplit> {
    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(RemoteReadSplit s) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      write(s, out);
      out.flush();
      return bytes.toByteArray();
    }

    @Override
    public RemoteReadSplit deserialize(int version, byte[] serialized) throws IOException {
      if (version != 1) {
        throw new IOException("unknown remote-read split format version " + version);
      }
      return read(new DataInputStream(new ByteArrayInputStream(serialized)));
    }

    static void write(RemoteReadSplit s, DataOutputStream out) throws IOException {
      out.writeUTF(s.id());
      out.writeInt(s.matchers().size());
      for (LabelMatcher m : s.matchers()) {
        out.writeByte(m.type().ordinal());
        out.writeUTF(m.name());
        out.writeUTF(m.value());
      }
      out.writeLong(s.nextStartMs());
      out.writeLong(s.windowEndMs());
      out.writeLong(s.emittedInWindow());
    }

    static RemoteReadSplit read(DataInputStream in) throws IOException {
      String id = in.readUTF();
      int n = in.readInt();
      List<LabelMatcher> ms = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        ms.add(
            new LabelMatcher(
                LabelMatcher.Type.values()[in.readByte()], in.readUTF(), in.readUTF()));
      }
      return new RemoteReadSplit(id, ms, in.readLong(), in.readLong(), in.readLong());
    }
  }

  /** The enumerator's unassigned splits. */
  public static final class EnumState implements SimpleVersionedSerializer<List<RemoteReadSplit>> {
    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(List<RemoteReadSplit> pending) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeInt(pending.size());
      for (RemoteReadSplit s : pending) {
        Splits.write(s, out);
      }
      out.flush();
      return bytes.toByteArray();
    }

    @Override
    public List<RemoteReadSplit> deserialize(int version, byte[] serialized) throws IOException {
      if (version != 1) {
        throw new IOException("unknown remote-read enumerator format version " + version);
      }
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized));
      int n = in.readInt();
      List<RemoteReadSplit> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(Splits.read(in));
      }
      return out;
    }
  }
}
