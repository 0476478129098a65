package io.augur.job.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.job.ingest.IngestEvent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SampleRecordDeserializerTest {
  private final SampleRecordDeserializer d = new SampleRecordDeserializer(4096);

  @Test
  void shouldParseAdapterRecord() {
    IngestEvent e =
        d.parse(
            ("{\"timestamp\":\"2026-11-26T18:10:00Z\",\"value\":\"0.41\",\"name\":\"node_load1\","
                    + "\"labels\":{\"__name__\":\"node_load1\",\"instance\":\"127.0.0.1:9100\",\"job\":\"node\"}}")
                .getBytes(StandardCharsets.UTF_8),
            "t/0@1",
            5);
    assertTrue(e.isSample());
    assertEquals("node_load1", e.sample().metric());
    assertEquals(0.41, e.sample().value());
    assertEquals(
        java.time.Instant.parse("2026-11-26T18:10:00Z").toEpochMilli(), e.sample().timestampMs());
  }

  @Test
  void shouldTurnEveryBadFixtureIntoADeadLetterWithItsReason() throws Exception {
    for (Fixtures.Bad b : Fixtures.badSamples()) {
      IngestEvent e = d.parse(b.value().getBytes(StandardCharsets.UTF_8), "samples/1@42", 7);
      assertFalse(e.isSample(), "accepted: " + b.value());
      assertEquals(SampleRecordDeserializer.STAGE, e.deadLetter().stage());
      assertTrue(
          e.deadLetter().message().contains(b.reason()),
          "reason of " + b.value() + " was: " + e.deadLetter().message());
      assertTrue(e.deadLetter().message().endsWith("at samples/1@42"), e.deadLetter().message());
    }
  }

  @Test
  void shouldRefuseBytesThatAreNotUtf8() {
    IngestEvent e = d.parse(new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'}, "t/0@0", 0);
    assertEquals("not UTF-8 at t/0@0", e.deadLetter().message());
  }

  @Test
  void shouldRefuseOversizedRecordKeepingOnlyItsHead() {
    byte[] big = new byte[10_000];
    Arrays.fill(big, (byte) 'x');
    IngestEvent e = d.parse(big, "t/0@0", 0);
    assertTrue(
        e.deadLetter().message().contains("10000 bytes exceeds 4096"), e.deadLetter().message());
    assertEquals(SampleRecordDeserializer.RAW_KEEP, e.deadLetter().rawInput().length());
  }
}
