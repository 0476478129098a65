package io.augur.job.prometheus;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Prometheus' XOR chunk (Gorilla encoding): a 2-byte big-endian sample count, then a big-endian bit
 * stream with the first timestamp as a zigzag varint and the first value raw, the second timestamp
 * as a varint delta, later timestamps as delta-of-delta with prefixes {@code 0, 10, 110, 1110,
 * 1111} (0, 14, 17, 20, 64 bits), and values XORed with the previous one.
 *
 * <p>The encoder exists so tests and fake servers can produce chunks; the job only decodes.
 */
public final class XorChunk {
  private XorChunk() {}

  /** Decoded samples of one chunk. */
  public record Samples(long[] timestamps, double[] values) {}

  /**
   * Decodes a whole chunk; throws {@link IllegalArgumentException} naming the problem when it is
   * corrupt.
   */
  public static Samples decode(byte[] data) {
    if (data == null || data.length < 2) {
      throw new IllegalArgumentException(
          "XOR chunk must hold at least its 2-byte sample count, got "
              + (data == null ? "null" : data.length + " bytes"));
    }
    int n = ((data[0] & 0xff) << 8) | (data[1] & 0xff);
    long[] ts = new long[n];
    double[] vs = new double[n];
    if (n == 0) {
      return new Samples(ts, vs);
    }
    BitReader br = new BitReader(data, 2);
    long t = br.readVarint();
    long vbits = br.readBits(64);
    ts[0] = t;
    vs[0] = Double.longBitsToDouble(vbits);
    long tDelta = 0;
    int leading = 0;
    int trailing = 0;
    for (int i = 1; i < n; i++) {
      if (i == 1) {
        tDelta = br.readUvarint();
      } else {
        int d = 0;
        for (int k = 0; k < 4; k++) {
          d <<= 1;
          if (br.readBit() == 0) {
            break;
          }
          d |= 1;
        }
        long dod;
        int sz =
            switch (d) {
              case 0b0 -> 0;
              case 0b10 -> 14;
              case 0b110 -> 17;
              case 0b1110 -> 20;
              case 0b1111 -> 64;
              default ->
                  throw new IllegalArgumentException("XOR chunk: bad delta-of-delta prefix " + d);
            };
        if (sz == 0) {
          dod = 0;
        } else if (sz == 64) {
          dod = br.readBits(64);
        } else {
          long bits = br.readBits(sz);
          if (bits > (1L << (sz - 1))) {
            bits -= 1L << sz;
          }
          dod = bits;
        }
        tDelta += dod;
      }
      t += tDelta;
      if (br.readBit() != 0) {
        if (br.readBit() != 0) {
          leading = (int) br.readBits(5);
          int mbits = (int) br.readBits(6);
          if (mbits == 0) {
            mbits = 64;
          }
          trailing = 64 - leading - mbits;
          if (trailing < 0) {
            throw new IllegalArgumentException(
                "XOR chunk: leading "
                    + leading
                    + " + meaningful "
                    + mbits
                    + " bits exceed 64 at sample "
                    + i);
          }
        }
        int mbits = 64 - leading - trailing;
        long bits = br.readBits(mbits);
        vbits ^= trailing == 64 ? 0 : bits << trailing;
      }
      ts[i] = t;
      vs[i] = Double.longBitsToDouble(vbits);
    }
    return new Samples(ts, vs);
  }

  /** Encodes samples (timestamps ascending) the way Prometheus' XOR appender does. */
  public static byte[] encode(long[] timestamps, double[] values) {
    if (timestamps.length != values.length || timestamps.length > 0xffff) {
      throw new IllegalArgumentException(
          "timestamps/values must have equal length <= 65535, got "
              + timestamps.length
              + "/"
              + values.length);
    }
    BitWriter w = new BitWriter();
    w.writeBits(timestamps.length, 16);
    long prevT = 0;
    long tDelta = 0;
    long prevV = 0;
    int leading = 0xff;
    int trailing = 0;
    for (int i = 0; i < timestamps.length; i++) {
      long t = timestamps[i];
      long v = Double.doubleToRawLongBits(values[i]);
      if (i == 0) {
        w.writeVarint(t);
        w.writeBits(v, 64);
      } else {
        long d = t - prevT;
        if (i == 1) {
          w.writeUvarint(d);
        } else {
          long dod = d - tDelta;
          if (dod == 0) {
            w.writeBits(0, 1);
          } else if (inRange(dod, 14)) {
            w.writeBits(0b10, 2);
            w.writeBits(dod, 14);
          } else if (inRange(dod, 17)) {
            w.writeBits(0b110, 3);
            w.writeBits(dod, 17);
          } else if (inRange(dod, 20)) {
            w.writeBits(0b1110, 4);
            w.writeBits(dod, 20);
          } else {
            w.writeBits(0b1111, 4);
            w.writeBits(dod, 64);
          }
        }
        tDelta = d;
        long delta = v ^ prevV;
        if (delta == 0) {
          w.writeBits(0, 1);
        } else {
          w.writeBits(1, 1);
          int lz = Math.min(Long.numberOfLeadingZeros(delta), 31);
          int tz = Long.numberOfTrailingZeros(delta);
          if (leading != 0xff && lz >= leading && tz >= trailing) {
            w.writeBits(0, 1);
            w.writeBits(delta >>> trailing, 64 - leading - trailing);
          } else {
            leading = lz;
            trailing = tz;
            w.writeBits(1, 1);
            w.writeBits(lz, 5);
            int sig = 64 - lz - tz;
            w.writeBits(sig & 63, 6);
            w.writeBits(delta >>> tz, sig);
          }
        }
      }
      prevT = t;
      prevV = v;
    }
    return w.toByteArray();
  }

  private static boolean inRange(long x, int nbits) {
    return -((1L << (nbits - 1)) - 1) <= x && x <= 1L << (nbits - 1);
  }

  /** Big-endian bit reader over a byte array. */
  static final class BitReader {
    private final byte[] b;
    private long pos;

    BitReader(byte[] b, int byteOffset) {
      this.b = b;
      this.pos = byteOffset * 8L;
    }

    int readBit() {
      if (pos >= b.length * 8L) {
        throw new IllegalArgumentException(
            "XOR chunk truncated at bit " + pos + " of " + b.length * 8L);
      }
      int bit = (b[(int) (pos >>> 3)] >>> (7 - (int) (pos & 7))) & 1;
      pos++;
      return bit;
    }

    long readBits(int n) {
      if (pos + n > b.length * 8L) {
        throw new IllegalArgumentException(
            "XOR chunk truncated: need " + n + " bits at bit " + pos + " of " + b.length * 8L);
      }
      long v = 0;
      for (int i = 0; i < n; i++) {
        v = (v << 1) | ((b[(int) (pos >>> 3)] >>> (7 - (int) (pos & 7))) & 1);
        pos++;
      }
      return v;
    }

    long readUvarint() {
      long x = 0;
      int s = 0;
      for (int i = 0; i < 10; i++) {
        long by = readBits(8);
        if (by < 0x80) {
          return x | (by << s);
        }
        x |= (by & 0x7f) << s;
        s += 7;
      }
      throw new IllegalArgumentException("XOR chunk: varint overflows 64 bits");
    }

    long readVarint() {
      long ux = readUvarint();
      return (ux >>> 1) ^ -(ux & 1);
    }
  }

  /** Big-endian bit writer. */
  static final class BitWriter {
    private byte[] b = new byte[64];
    private long pos;

    void writeBits(long v, int n) {
      for (int i = n - 1; i >= 0; i--) {
        int idx = (int) (pos >>> 3);
        if (idx >= b.length) {
          b = Arrays.copyOf(b, b.length * 2);
        }
        if (((v >>> i) & 1) != 0) {
          b[idx] |= (byte) (0x80 >>> (pos & 7));
        }
        pos++;
      }
    }

    void writeUvarint(long x) {
      while ((x & ~0x7fL) != 0) {
        writeBits((x & 0x7f) | 0x80, 8);
        x >>>= 7;
      }
      writeBits(x, 8);
    }

    void writeVarint(long x) {
      writeUvarint((x << 1) ^ (x >> 63));
    }

    byte[] toByteArray() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(b, 0, (int) ((pos + 7) >>> 3));
      return out.toByteArray();
    }
  }
}
