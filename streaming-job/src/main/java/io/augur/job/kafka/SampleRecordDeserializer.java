package io.augur.job.kafka;

import io.augur.domain.DeadLetter;
import io.augur.ingest.PrometheusJson;
import io.augur.job.ingest.IngestEvent;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Kafka records in prometheus-kafka-adapter's JSON to {@link IngestEvent}s. Everything that is not
 * one valid sample (empty value, bytes that are not UTF-8, malformed JSON, wrong types, unknown
 * fields, more than {@link PrometheusJson#MAX_LABELS} labels, records over {@code maxRecordBytes})
 * becomes a dead letter with the reason and the record's topic, partition and offset; nothing
 * throws.
 */
public final class SampleRecordDeserializer
    implements KafkaRecordDeserializationSchema<IngestEvent> {
  private static final long serialVersionUID = 1L;
  public static final String STAGE = "kafka-parse";
  static final int RAW_KEEP = 2048;

  private final int maxRecordBytes;

  public SampleRecordDeserializer(int maxRecordBytes) {
    if (maxRecordBytes < 64) {
      throw new IllegalArgumentException("maxRecordBytes must be >= 64, got " + maxRecordBytes);
    }
    this.maxRecordBytes = maxRecordBytes;
  }

  public SampleRecordDeserializer() {
    this(64 * 1024);
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<IngestEvent> out) {
    out.collect(
        parse(
            record.value(),
            record.topic() + "/" + record.partition() + "@" + record.offset(),
            Math.max(0, record.timestamp())));
  }

  /** Parses one record value; {@code where} names it in dead letters. */
  public IngestEvent parse(byte[] value, String where, long recordTimestampMs) {
    if (value == null || value.length == 0) {
      return dead("", "empty record at " + where, recordTimestampMs);
    }
    if (value.length > maxRecordBytes) {
      return dead(
          new String(value, 0, RAW_KEEP, StandardCharsets.UTF_8),
          "record of " + value.length + " bytes exceeds " + maxRecordBytes + " at " + where,
          recordTimestampMs);
    }
    String json;
    try {
      json =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(value))
              .toString();
    } catch (CharacterCodingException e) {
      return dead(
          new String(value, StandardCharsets.ISO_8859_1),
          "not UTF-8 at " + where,
          recordTimestampMs);
    }
    PrometheusJson.ParseResult r = PrometheusJson.parse(json);
    if (r.ok()) {
      return IngestEvent.of(r.sample());
    }
    return dead(json, r.error() + " at " + where, recordTimestampMs);
  }

  private static IngestEvent dead(String raw, String reason, long ts) {
    String kept =
        raw.length() > RAW_KEEP
            ? raw.substring(0, RAW_KEEP) + "...(" + raw.length() + " chars)"
            : raw;
    return IngestEvent.dead(new DeadLetter(STAGE, kept, "InvalidSample", reason, ts));
  }

  @Override
  public TypeInformation<IngestEvent> getProducedType() {
    return io.augur.job.ingest.IngestEventSerializer.TYPE;
  }
}
