package io.augur.features;

import io.augur.domain.SeriesKey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Binary state mapping of a {@link ComponentFeatureExtractor} (config, progress, counters and every
 * series' ring), versioned, over plain {@link DataOutput}/{@link DataInput} so that Flink's
 * serializers (whose views implement them) can delegate here without the core knowing Flink.
 */
public final class ExtractorCodec {

  /**
   * Format version written first; readers refuse versions they do not know. 2: the config is a
   * length-prefixed block (decoded once per distinct block, then cached). 3: series optional (they
   * may live in an external store), no per-series metric index.
   */
  public static final int VERSION = 3;

  private static final int CACHE_LIMIT = 16;
  private static volatile Object[] lastConfig;
  private static final Map<FeatureConfig, byte[]> CONFIG_BYTES =
      new java.util.concurrent.ConcurrentHashMap<>();
  private static final Map<java.nio.ByteBuffer, FeatureConfig> CONFIGS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private ExtractorCodec() {}

  /** Writes the whole extractor, its series included. */
  public static void write(ComponentFeatureExtractor e, DataOutput out) throws IOException {
    write(e, out, true);
  }

  /**
   * Writes the extractor; without series when they live in an external {@link SeriesStore} (the
   * reader then gets an extractor to {@link ComponentFeatureExtractor#attach} to that store).
   */
  public static void write(ComponentFeatureExtractor e, DataOutput out, boolean withSeries)
      throws IOException {
    out.writeInt(VERSION);
    byte[] cfg = configBytes(e.config());
    out.writeInt(cfg.length);
    out.write(cfg);
    out.writeUTF(e.component());
    writeMap(new TreeMap<>(e.componentLabels()), out);
    out.writeLong(e.lastEmittedStep());
    out.writeLong(e.firstPendingStep());
    out.writeInt(e.counts.length);
    for (long c : e.counts) {
      out.writeLong(c);
    }
    out.writeLong(e.expiredSeries);
    out.writeLong(e.staleMarkers);
    out.writeLong(e.clampedValues);
    out.writeInt(e.liveSeries());
    out.writeBoolean(withSeries);
    if (withSeries) {
      List<SeriesWindow> all = e.store().all();
      for (SeriesWindow w : all) {
        writeSeries(w, out);
      }
    }
  }

  /** One series: its key and its window. */
  public static void writeSeries(SeriesWindow w, DataOutput out) throws IOException {
    out.writeUTF(w.key().metric());
    writeMap(w.key().labels(), out);
    w.writeTo(out);
  }

  public static SeriesWindow readSeries(DataInput in) throws IOException {
    SeriesKey key = SeriesKey.of(in.readUTF(), readMap(in));
    return SeriesWindow.readFrom(in, key);
  }

  public static ComponentFeatureExtractor read(DataInput in) throws IOException {
    int version = in.readInt();
    if (version != VERSION) {
      throw new IOException(
          "unknown extractor state version " + version + " (this build reads " + VERSION + ")");
    }
    int len = in.readInt();
    if (len < 0 || len > 1 << 20) {
      throw new IOException("corrupt extractor state: config block of " + len + " bytes");
    }
    byte[] block = new byte[len];
    in.readFully(block);
    FeatureConfig cfg = config(block);
    String component = in.readUTF();
    Map<String, String> labels = readMap(in);
    ComponentFeatureExtractor e = new ComponentFeatureExtractor(cfg, component, labels);
    long lastEmitted = in.readLong();
    long firstPending = in.readLong();
    int nCounts = in.readInt();
    for (int i = 0; i < nCounts; i++) {
      long c = in.readLong();
      if (i < e.counts.length) {
        e.counts[i] = c;
      }
    }
    e.expiredSeries = in.readLong();
    e.staleMarkers = in.readLong();
    e.clampedValues = in.readLong();
    int n = in.readInt();
    if (n < 0 || n > 1_000_000) {
      throw new IOException("corrupt extractor state: " + n + " series");
    }
    e.restoreProgress(lastEmitted, firstPending, n);
    if (in.readBoolean()) {
      for (int i = 0; i < n; i++) {
        e.store().save(readSeries(in));
      }
    } else {
      e.attach(DETACHED);
    }
    return e;
  }

  /** The store of an extractor read without its series, until the caller attaches the real one. */
  private static final SeriesStore DETACHED =
      new SeriesStore() {
        @Override
        public SeriesWindow find(String metric, Map<String, String> labels) {
          throw detached();
        }

        @Override
        public void save(SeriesWindow w) {
          throw detached();
        }

        @Override
        public void remove(SeriesWindow w) {
          throw detached();
        }

        @Override
        public List<SeriesWindow> all() {
          throw detached();
        }

        private IllegalStateException detached() {
          return new IllegalStateException(
              "extractor state was read without its series: attach its SeriesStore first");
        }
      };

  /** A deep copy through the binary form (what a state backend's copy does). */
  public static ComponentFeatureExtractor copy(ComponentFeatureExtractor e) {
    return fromBytes(toBytes(e));
  }

  public static byte[] toBytes(ComponentFeatureExtractor e) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      write(e, out);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return bytes.toByteArray();
  }

  public static ComponentFeatureExtractor fromBytes(byte[] b) {
    try {
      return read(new DataInputStream(new ByteArrayInputStream(b)));
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /**
   * The config's binary form, cached per config (state is written far more often than configs
   * change).
   */
  static byte[] configBytes(FeatureConfig c) {
    Object[] recent = lastConfig;
    if (recent != null && recent[0] == c) {
      return (byte[]) recent[1];
    }
    byte[] b = CONFIG_BYTES.get(c);
    if (b == null) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        writeConfig(c, out);
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
      b = bytes.toByteArray();
      if (CONFIG_BYTES.size() >= CACHE_LIMIT) {
        CONFIG_BYTES.clear();
      }
      CONFIG_BYTES.put(c, b);
    }
    lastConfig = new Object[] {c, b};
    return b;
  }

  /**
   * Decodes (and validates) a config block once; the same block later returns the same instance.
   */
  static FeatureConfig config(byte[] block) throws IOException {
    java.nio.ByteBuffer key = java.nio.ByteBuffer.wrap(block);
    FeatureConfig c = CONFIGS.get(key);
    if (c == null) {
      c = readConfig(new DataInputStream(new ByteArrayInputStream(block)));
      if (CONFIGS.size() >= CACHE_LIMIT) {
        CONFIGS.clear();
      }
      CONFIGS.put(key, c);
    }
    return c;
  }

  public static void writeConfig(FeatureConfig c, DataOutput out) throws IOException {
    out.writeUTF(c.schemaName());
    out.writeLong(c.windowMs());
    out.writeLong(c.stepMs());
    out.writeLong(c.allowedLatenessMs());
    out.writeLong(c.seriesTtlMs());
    out.writeInt(c.maxSeriesPerComponent());
    writeList(c.componentLabels(), out);
    writeList(c.metrics(), out);
    writeList(new ArrayList<>(new TreeSet<>(c.counters())), out);
    out.writeInt(c.ewmaFastSpan());
    out.writeInt(c.ewmaSlowSpan());
    out.writeDouble(c.holtAlpha());
    out.writeDouble(c.holtBeta());
  }

  public static FeatureConfig readConfig(DataInput in) throws IOException {
    String name = in.readUTF();
    long window = in.readLong();
    long step = in.readLong();
    long lateness = in.readLong();
    long ttl = in.readLong();
    int cap = in.readInt();
    List<String> labels = readList(in);
    List<String> metrics = readList(in);
    Set<String> counters = new HashSet<>(readList(in));
    return new FeatureConfig(
        name,
        window,
        step,
        lateness,
        ttl,
        cap,
        labels,
        metrics,
        counters,
        in.readInt(),
        in.readInt(),
        in.readDouble(),
        in.readDouble());
  }

  private static void writeList(List<String> l, DataOutput out) throws IOException {
    out.writeInt(l.size());
    for (String s : l) {
      out.writeUTF(s);
    }
  }

  private static List<String> readList(DataInput in) throws IOException {
    int n = checkedSize(in.readInt());
    List<String> l = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      l.add(in.readUTF());
    }
    return l;
  }

  static void writeMap(Map<String, String> m, DataOutput out) throws IOException {
    out.writeInt(m.size());
    for (Map.Entry<String, String> e : m.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeUTF(e.getValue());
    }
  }

  static Map<String, String> readMap(DataInput in) throws IOException {
    int n = checkedSize(in.readInt());
    Map<String, String> m = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      m.put(in.readUTF(), in.readUTF());
    }
    return m;
  }

  private static int checkedSize(int n) throws IOException {
    if (n < 0 || n > 100_000) {
      throw new IOException("corrupt state: collection size " + n);
    }
    return n;
  }
}
