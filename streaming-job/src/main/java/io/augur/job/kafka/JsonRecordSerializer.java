package io.augur.job.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.augur.json.Wire;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes records as JSON values (Jackson) to one topic, keyed by a function of the record. */
public final class JsonRecordSerializer<T> implements KafkaRecordSerializationSchema<T> {
  private static final long serialVersionUID = 1L;

  private final String topic;
  private final SerializableFunction<T, String> key;
  private transient ObjectMapper json;

  public JsonRecordSerializer(String topic, SerializableFunction<T, String> key) {
    if (topic == null || topic.isBlank()) {
      throw new IllegalArgumentException("topic must not be empty, got \"" + topic + "\"");
    }
    this.topic = topic;
    this.key = key;
  }

  @Override
  public void open(
      SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) {
    json = Wire.RECORDS;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      T element, KafkaSinkContext context, Long timestamp) {
    if (json == null) {
      json = Wire.RECORDS;
    }
    try {
      byte[] k = key == null ? null : key.apply(element).getBytes(StandardCharsets.UTF_8);
      return new ProducerRecord<>(topic, null, timestamp, k, json.writeValueAsBytes(element));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "cannot write " + element.getClass().getSimpleName() + " as JSON", e);
    }
  }
}
