package io.augur.job.prometheus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class XorChunkTest {

  @Test
  void shouldRoundTripIrregularTimestampsAndValues() {
    Random r = new Random(7);
    int n = 500;
    long[] ts = new long[n];
    double[] vs = new double[n];
    long t = 1_700_000_000_000L;
    for (int i = 0; i < n; i++) {
      // every delta-of-delta width: 0, 14, 17, 20 and 64 bits
      t +=
          switch (i % 5) {
            case 0 -> 15_000;
            case 1 -> 15_000 + r.nextInt(5000);
            case 2 -> 60_000 + r.nextInt(60_000);
            case 3 -> 500_000 + r.nextInt(400_000);
            default -> 3_000_000_000L;
          };
      ts[i] = t;
      vs[i] =
          i % 7 == 0 ? vs[Math.max(0, i - 1)] : r.nextGaussian() * Math.pow(10, r.nextInt(12) - 6);
    }
    XorChunk.Samples s = XorChunk.decode(XorChunk.encode(ts, vs));
    assertArrayEquals(ts, s.timestamps());
    for (int i = 0; i < n; i++) {
      assertEquals(
          Double.doubleToRawLongBits(vs[i]),
          Double.doubleToRawLongBits(s.values()[i]),
          "value " + i);
    }
  }

  @Test
  void shouldKeepStaleMarkerBits() {
    long[] ts = {1000, 2000, 3000};
    double[] vs = {1.0, io.augur.domain.MetricSample.STALE_NAN, 2.0};
    XorChunk.Samples s = XorChunk.decode(XorChunk.encode(ts, vs));
    assertEquals(
        io.augur.domain.MetricSample.STALE_NAN_BITS, Double.doubleToRawLongBits(s.values()[1]));
  }

  @Test
  void shouldDecodeEmptyChunk() {
    assertEquals(0, XorChunk.decode(new byte[] {0, 0}).timestamps().length);
  }

  @Test
  void shouldRefuseTruncatedChunk() {
    byte[] full =
        XorChunk.encode(new long[] {1000, 2000, 3500, 9000}, new double[] {1, 2.5, 3.75, -4});
    byte[] cut = Arrays.copyOf(full, full.length - 3);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> XorChunk.decode(cut));
    assertEquals(true, e.getMessage().contains("truncated"), e.getMessage());
  }
}
