package io.augur.job.prometheus;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The remote-read protobuf messages, encoded and decoded by hand (no generated code): ReadRequest,
 * ReadResponse (SAMPLES), ChunkedReadResponse (STREAMED_XOR_CHUNKS) and, for tests that push known
 * data into Prometheus, WriteRequest. Field numbers follow {@code REMOTE_READ.md}; unknown fields
 * are skipped. Decoding failures surface as {@link IOException} (protobuf's own) or {@link
 * IllegalArgumentException}.
 */
public final class RemoteReadCodec {
  public static final int SAMPLES = 0;
  public static final int STREAMED_XOR_CHUNKS = 1;
  static final int CHUNK_XOR = 1;

  private RemoteReadCodec() {}

  /** One series of a streamed response, still in chunks. */
  public record ChunkedSeries(Map<String, String> labels, List<Chunk> chunks) {}

  /** One chunk: both time bounds inclusive, encoding and payload. */
  public record Chunk(long minTimeMs, long maxTimeMs, int type, byte[] data) {}

  /** One decoded ChunkedReadResponse frame. */
  public record ChunkedResponse(List<ChunkedSeries> series, long queryIndex) {}

  // ---------------------------------------------------------------- encoding

  public static byte[] encodeReadRequest(
      List<ReadQuery> queries, List<Integer> acceptedResponseTypes) {
    return build(
        out -> {
          for (ReadQuery q : queries) {
            out.writeByteArray(1, encodeQuery(q));
          }
          for (int t : acceptedResponseTypes) {
            out.writeEnum(2, t);
          }
        });
  }

  static byte[] encodeQuery(ReadQuery q) {
    return build(
        out -> {
          out.writeInt64(1, q.startMs());
          out.writeInt64(2, q.endMs());
          for (LabelMatcher m : q.matchers()) {
            out.writeByteArray(
                3,
                build(
                    mo -> {
                      mo.writeEnum(1, m.type().ordinal());
                      mo.writeString(2, m.name());
                      mo.writeString(3, m.value());
                    }));
          }
        });
  }

  /** A ReadResponse with one QueryResult per entry of {@code results}. */
  public static byte[] encodeReadResponse(List<List<RemoteSeries>> results) {
    return build(
        out -> {
          for (List<RemoteSeries> result : results) {
            out.writeByteArray(
                1,
                build(
                    qr -> {
                      for (RemoteSeries s : result) {
                        qr.writeByteArray(1, encodeTimeSeries(s));
                      }
                    }));
          }
        });
  }

  /** A WriteRequest (remote write) carrying the given series. */
  public static byte[] encodeWriteRequest(List<RemoteSeries> series) {
    return build(
        out -> {
          for (RemoteSeries s : series) {
            out.writeByteArray(1, encodeTimeSeries(s));
          }
        });
  }

  static byte[] encodeTimeSeries(RemoteSeries s) {
    return build(
        ts -> {
          writeLabels(ts, s.labels());
          for (int i = 0; i < s.size(); i++) {
            int idx = i;
            ts.writeByteArray(
                2,
                build(
                    so -> {
                      so.writeDouble(1, s.valueAt(idx));
                      so.writeInt64(2, s.timestampAt(idx));
                    }));
          }
        });
  }

  /** A ChunkedReadResponse message (one frame's payload). */
  public static byte[] encodeChunkedResponse(ChunkedResponse r) {
    return build(
        out -> {
          for (ChunkedSeries cs : r.series()) {
            out.writeByteArray(
                1,
                build(
                    so -> {
                      writeLabels(so, cs.labels());
                      for (Chunk c : cs.chunks()) {
                        so.writeByteArray(
                            2,
                            build(
                                co -> {
                                  co.writeInt64(1, c.minTimeMs());
                                  co.writeInt64(2, c.maxTimeMs());
                                  co.writeEnum(3, c.type());
                                  co.writeByteArray(4, c.data());
                                }));
                      }
                    }));
          }
          out.writeInt64(2, r.queryIndex());
        });
  }

  private static void writeLabels(CodedOutputStream out, Map<String, String> labels)
      throws IOException {
    for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
      out.writeByteArray(
          1,
          build(
              lo -> {
                lo.writeString(1, e.getKey());
                lo.writeString(2, e.getValue());
              }));
    }
  }

  // ---------------------------------------------------------------- decoding

  /** Decodes a (decompressed) ReadResponse into one list of series per query. */
  public static List<List<RemoteSeries>> decodeReadResponse(byte[] body) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(body);
    List<List<RemoteSeries>> results = new ArrayList<>();
    for (int tag; (tag = in.readTag()) != 0; ) {
      if (WireFormat.getTagFieldNumber(tag) == 1
          && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
        int limit = in.pushLimit(in.readRawVarint32());
        List<RemoteSeries> series = new ArrayList<>();
        for (int t2; (t2 = in.readTag()) != 0; ) {
          if (WireFormat.getTagFieldNumber(t2) == 1
              && WireFormat.getTagWireType(t2) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            int l2 = in.pushLimit(in.readRawVarint32());
            series.add(readTimeSeries(in));
            in.popLimit(l2);
          } else {
            in.skipField(t2);
          }
        }
        in.popLimit(limit);
        results.add(series);
      } else {
        in.skipField(tag);
      }
    }
    return results;
  }

  private static RemoteSeries readTimeSeries(CodedInputStream in) throws IOException {
    Map<String, String> labels = new TreeMap<>();
    long[] ts = new long[16];
    double[] vs = new double[16];
    int n = 0;
    for (int tag; (tag = in.readTag()) != 0; ) {
      int field = WireFormat.getTagFieldNumber(tag);
      if (field == 1 && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
        int l = in.pushLimit(in.readRawVarint32());
        readLabel(in, labels);
        in.popLimit(l);
      } else if (field == 2
          && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
        int l = in.pushLimit(in.readRawVarint32());
        double v = 0;
        long t = 0;
        for (int st; (st = in.readTag()) != 0; ) {
          switch (WireFormat.getTagFieldNumber(st)) {
            case 1 -> v = in.readDouble();
            case 2 -> t = in.readInt64();
            default -> in.skipField(st);
          }
        }
        in.popLimit(l);
        if (n == ts.length) {
          ts = java.util.Arrays.copyOf(ts, n * 2);
          vs = java.util.Arrays.copyOf(vs, n * 2);
        }
        ts[n] = t;
        vs[n] = v;
        n++;
      } else {
        in.skipField(tag);
      }
    }
    return new RemoteSeries(labels, java.util.Arrays.copyOf(ts, n), java.util.Arrays.copyOf(vs, n));
  }

  private static void readLabel(CodedInputStream in, Map<String, String> labels)
      throws IOException {
    String name = "";
    String value = "";
    for (int tag; (tag = in.readTag()) != 0; ) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1 -> name = in.readStringRequireUtf8();
        case 2 -> value = in.readStringRequireUtf8();
        default -> in.skipField(tag);
      }
    }
    labels.put(name, value);
  }

  /** Decodes one ChunkedReadResponse message (a frame's payload, CRC already checked). */
  public static ChunkedResponse decodeChunkedResponse(byte[] msg) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(msg);
    List<ChunkedSeries> series = new ArrayList<>();
    long queryIndex = 0;
    for (int tag; (tag = in.readTag()) != 0; ) {
      int field = WireFormat.getTagFieldNumber(tag);
      if (field == 1 && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
        int l = in.pushLimit(in.readRawVarint32());
        Map<String, String> labels = new TreeMap<>();
        List<Chunk> chunks = new ArrayList<>();
        for (int t2; (t2 = in.readTag()) != 0; ) {
          int f2 = WireFormat.getTagFieldNumber(t2);
          if (f2 == 1 && WireFormat.getTagWireType(t2) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            int l2 = in.pushLimit(in.readRawVarint32());
            readLabel(in, labels);
            in.popLimit(l2);
          } else if (f2 == 2
              && WireFormat.getTagWireType(t2) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            int l2 = in.pushLimit(in.readRawVarint32());
            chunks.add(readChunk(in));
            in.popLimit(l2);
          } else {
            in.skipField(t2);
          }
        }
        in.popLimit(l);
        series.add(new ChunkedSeries(labels, chunks));
      } else if (field == 2) {
        queryIndex = in.readInt64();
      } else {
        in.skipField(tag);
      }
    }
    return new ChunkedResponse(series, queryIndex);
  }

  private static Chunk readChunk(CodedInputStream in) throws IOException {
    long min = 0;
    long max = 0;
    int type = 0;
    byte[] data = new byte[0];
    for (int tag; (tag = in.readTag()) != 0; ) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1 -> min = in.readInt64();
        case 2 -> max = in.readInt64();
        case 3 -> type = in.readEnum();
        case 4 -> data = in.readByteArray();
        default -> in.skipField(tag);
      }
    }
    return new Chunk(min, max, type, data);
  }

  // ---------------------------------------------------------------- helpers

  interface Body {
    void write(CodedOutputStream out) throws IOException;
  }

  static byte[] build(Body body) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      body.write(out);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
