package io.augur.job.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class RemoteReadCodecTest {

  @Test
  void shouldEncodeQueryFieldsWithWireNumbers() throws Exception {
    ReadQuery q =
        new ReadQuery(
            1000, 2000, List.of(LabelMatcher.re("__name__", "up|x"), LabelMatcher.neq("job", "a")));
    byte[] req = RemoteReadCodec.encodeReadRequest(List.of(q), List.of(1, 0));
    CodedInputStream in = CodedInputStream.newInstance(req);
    List<Integer> types = new ArrayList<>();
    byte[] query = null;
    for (int tag; (tag = in.readTag()) != 0; ) {
      if (WireFormat.getTagFieldNumber(tag) == 1) {
        query = in.readByteArray();
      } else {
        types.add(in.readEnum());
      }
    }
    assertEquals(List.of(1, 0), types);
    CodedInputStream qi = CodedInputStream.newInstance(query);
    List<String> seen = new ArrayList<>();
    for (int tag; (tag = qi.readTag()) != 0; ) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1 -> seen.add("start=" + qi.readInt64());
        case 2 -> seen.add("end=" + qi.readInt64());
        default -> {
          CodedInputStream m = CodedInputStream.newInstance(qi.readByteArray());
          StringBuilder sb = new StringBuilder();
          for (int t; (t = m.readTag()) != 0; ) {
            sb.append(
                    WireFormat.getTagFieldNumber(t) == 1
                        ? String.valueOf(m.readEnum())
                        : m.readString())
                .append('|');
          }
          seen.add(sb.toString());
        }
      }
    }
    assertEquals(List.of("start=1000", "end=2000", "2|__name__|up|x|", "1|job|a|"), seen);
  }

  @Test
  void shouldDecodeSamplesResponse() throws Exception {
    RemoteSeries a =
        new RemoteSeries(
            Map.of("__name__", "up", "job", "p"), new long[] {1, 2}, new double[] {1, 0});
    RemoteSeries b = new RemoteSeries(Map.of("__name__", "x"), new long[] {5}, new double[] {-2.5});
    List<List<RemoteSeries>> back =
        RemoteReadCodec.decodeReadResponse(
            RemoteReadCodec.encodeReadResponse(List.of(List.of(a, b))));
    assertEquals(List.of(List.of(a, b)), back);
  }

  @Test
  void shouldMatchCrc32cCheckValue() {
    CRC32C c = new CRC32C();
    c.update("123456789".getBytes(StandardCharsets.US_ASCII));
    assertEquals(0xE3069283L, c.getValue());
  }

  @Test
  void shouldMergeSeriesSplitOverFramesAndClipToRange() throws Exception {
    Map<String, String> labels = Map.of("__name__", "m", "i", "1");
    byte[] c1 = XorChunk.encode(new long[] {100, 200, 300}, new double[] {1, 2, 3});
    byte[] c2 = XorChunk.encode(new long[] {300, 400, 500}, new double[] {3, 4, 5});
    byte[] f1 =
        ChunkedFrames.frame(
            RemoteReadCodec.encodeChunkedResponse(
                new RemoteReadCodec.ChunkedResponse(
                    List.of(
                        new RemoteReadCodec.ChunkedSeries(
                            labels, List.of(new RemoteReadCodec.Chunk(100, 300, 1, c1)))),
                    0)));
    byte[] f2 =
        ChunkedFrames.frame(
            RemoteReadCodec.encodeChunkedResponse(
                new RemoteReadCodec.ChunkedResponse(
                    List.of(
                        new RemoteReadCodec.ChunkedSeries(
                            labels, List.of(new RemoteReadCodec.Chunk(300, 500, 1, c2)))),
                    0)));
    byte[] body = new byte[f1.length + f2.length];
    System.arraycopy(f1, 0, body, 0, f1.length);
    System.arraycopy(f2, 0, body, f1.length, f2.length);
    List<RemoteSeries> series = ChunkedFrames.decodeSeries(body, 200, 400, 1 << 20);
    assertEquals(
        List.of(new RemoteSeries(labels, new long[] {200, 300, 400}, new double[] {2, 3, 4})),
        series);
  }

  @Test
  void shouldRefuseFrameWithBadCrc() {
    byte[] f = ChunkedFrames.frame(new byte[] {8, 1});
    f[2] ^= 0x40;
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ChunkedFrames.readFrames(f, 1024));
    assertTrue(e.getMessage().contains("CRC32C mismatch"), e.getMessage());
  }

  @Test
  void shouldRefuseTruncatedFrame() {
    byte[] f = ChunkedFrames.frame(new byte[] {8, 1, 16, 2});
    byte[] cut = java.util.Arrays.copyOf(f, f.length - 1);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ChunkedFrames.readFrames(cut, 1024));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
  }

  @Test
  void shouldParseSelectorsIntoMatcherSets() {
    assertEquals(
        List.of(
            LabelMatcher.eq("__name__", "node_load1"),
            LabelMatcher.eq("job", "node"),
            LabelMatcher.re("instance", "a,b|c")),
        LabelMatcher.parseSet("node_load1{job=\"node\", instance=~\"a,b|c\"}"));
    assertEquals(
        List.of(LabelMatcher.nre("__name__", "go_.*")),
        LabelMatcher.parseSet("{__name__!~\"go_.*\"}"));
    assertEquals(List.of(LabelMatcher.eq("__name__", "up")), LabelMatcher.parseSet("up"));
    assertThrows(IllegalArgumentException.class, () -> LabelMatcher.parseSet("{job=node}"));
    assertThrows(IllegalArgumentException.class, () -> LabelMatcher.parseSet("{}"));
  }

  @Test
  void shouldParseAndValidateMatchers() {
    assertEquals(
        LabelMatcher.re("__name__", "up|node_.*"), LabelMatcher.parse("__name__=~\"up|node_.*\""));
    assertEquals(LabelMatcher.nre("job", "a\"b"), LabelMatcher.parse("job!~\"a\\\"b\""));
    assertThrows(IllegalArgumentException.class, () -> LabelMatcher.parse("job=node"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LabelMatcher.re("job", "(["));
    assertTrue(e.getMessage().contains("job"), e.getMessage());
  }
}
