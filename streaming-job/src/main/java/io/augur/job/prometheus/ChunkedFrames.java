package io.augur.job.prometheus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The STREAMED_XOR_CHUNKS body: {@code frame = uvarint(len) || uint32_be(crc32c(msg)) || msg}, each
 * msg a ChunkedReadResponse. Turns a whole body into series, merging a series split over frames,
 * dropping overlapping chunk samples and samples outside the query's time range.
 */
public final class ChunkedFrames {
  private ChunkedFrames() {}

  /** Splits a body into frame payloads, checking each CRC32C. */
  public static List<byte[]> readFrames(byte[] body, int maxFrameBytes) {
    List<byte[]> frames = new ArrayList<>();
    int pos = 0;
    while (pos < body.length) {
      long len = 0;
      int shift = 0;
      while (true) {
        if (pos >= body.length) {
          throw new IllegalArgumentException(
              "frame " + frames.size() + ": truncated length prefix");
        }
        int b = body[pos++] & 0xff;
        len |= (long) (b & 0x7f) << shift;
        if (b < 0x80) {
          break;
        }
        shift += 7;
        if (shift > 63) {
          throw new IllegalArgumentException(
              "frame " + frames.size() + ": length varint overflows");
        }
      }
      if (len > maxFrameBytes) {
        throw new IllegalArgumentException(
            "frame " + frames.size() + ": length " + len + " exceeds the limit " + maxFrameBytes);
      }
      if (pos + 4 + len > body.length) {
        throw new IllegalArgumentException(
            "frame "
                + frames.size()
                + ": truncated, needs "
                + (4 + len)
                + " bytes, "
                + (body.length - pos)
                + " left");
      }
      long expected =
          ((body[pos] & 0xffL) << 24)
              | ((body[pos + 1] & 0xffL) << 16)
              | ((body[pos + 2] & 0xffL) << 8)
              | (body[pos + 3] & 0xffL);
      pos += 4;
      CRC32C crc = new CRC32C();
      crc.update(body, pos, (int) len);
      if (crc.getValue() != expected) {
        throw new IllegalArgumentException(
            String.format(
                "frame %d: CRC32C mismatch, header 0x%08x, computed 0x%08x",
                frames.size(), expected, crc.getValue()));
      }
      frames.add(Arrays.copyOfRange(body, pos, pos + (int) len));
      pos += (int) len;
    }
    return frames;
  }

  /** Frames one message (for fake servers and tests). */
  public static byte[] frame(byte[] msg) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long len = msg.length;
    while ((len & ~0x7fL) != 0) {
      out.write((int) ((len & 0x7f) | 0x80));
      len >>>= 7;
    }
    out.write((int) len);
    CRC32C crc = new CRC32C();
    crc.update(msg);
    long c = crc.getValue();
    out.write((int) (c >>> 24));
    out.write((int) (c >>> 16));
    out.write((int) (c >>> 8));
    out.write((int) c);
    out.write(msg, 0, msg.length);
    return out.toByteArray();
  }

  /**
   * Decodes a whole streamed body for query 0 into series with samples in {@code [startMs, endMs]}.
   *
   * @throws IOException when a frame's protobuf is broken
   * @throws IllegalArgumentException for frame or chunk corruption, named in the message
   */
  public static List<RemoteSeries> decodeSeries(
      byte[] body, long startMs, long endMs, int maxFrameBytes) throws IOException {
    Map<Map<String, String>, SeriesBuilder> bySeries = new LinkedHashMap<>();
    for (byte[] frame : readFrames(body, maxFrameBytes)) {
      RemoteReadCodec.ChunkedResponse r = RemoteReadCodec.decodeChunkedResponse(frame);
      for (RemoteReadCodec.ChunkedSeries cs : r.series()) {
        SeriesBuilder sb = bySeries.computeIfAbsent(cs.labels(), k -> new SeriesBuilder());
        for (RemoteReadCodec.Chunk c : cs.chunks()) {
          if (c.type() != RemoteReadCodec.CHUNK_XOR) {
            continue; // histogram chunks: not float samples, Augur does not read them
          }
          XorChunk.Samples s = XorChunk.decode(c.data());
          for (int i = 0; i < s.timestamps().length; i++) {
            long t = s.timestamps()[i];
            if (t >= startMs && t <= endMs) {
              sb.add(t, s.values()[i]);
            }
          }
        }
      }
    }
    List<RemoteSeries> out = new ArrayList<>(bySeries.size());
    bySeries.forEach((labels, sb) -> out.add(sb.build(labels)));
    return out;
  }

  private static final class SeriesBuilder {
    long[] ts = new long[16];
    double[] vs = new double[16];
    int n;

    void add(long t, double v) {
      if (n > 0 && t <= ts[n - 1]) {
        return; // overlapping chunks repeat samples
      }
      if (n == ts.length) {
        ts = Arrays.copyOf(ts, n * 2);
        vs = Arrays.copyOf(vs, n * 2);
      }
      ts[n] = t;
      vs[n] = v;
      n++;
    }

    RemoteSeries build(Map<String, String> labels) {
      return new RemoteSeries(labels, Arrays.copyOf(ts, n), Arrays.copyOf(vs, n));
    }
  }
}
