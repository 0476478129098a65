package io.augur.job.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.augur.domain.ExperimentPlan;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class JsonRecordSerializerTest {
  @Test
  void shouldWriteChaosTargetsAsJsonKeyedByPlanId() throws Exception {
    ExperimentPlan plan =
        new ExperimentPlan(
            "plan-7",
            List.of("checkout/checkout-0:8080"),
            "shop",
            "pod-kill",
            "memory_leak",
            120,
            0.05,
            List.of("p99 < 300ms"),
            List.of("error rate > 5%"),
            Map.of("probability", "0.93"),
            true,
            1_764_180_000_000L);
    JsonRecordSerializer<ExperimentPlan> s =
        new JsonRecordSerializer<>("chaos-targets", ExperimentPlan::id);
    ProducerRecord<byte[], byte[]> r = s.serialize(plan, null, 42L);
    assertEquals("chaos-targets", r.topic());
    assertEquals("plan-7", new String(r.key(), StandardCharsets.UTF_8));
    assertEquals(42L, r.timestamp());
    JsonNode json = new ObjectMapper().readTree(r.value());
    assertEquals("checkout/checkout-0:8080", json.path("targets").get(0).asText());
    assertEquals("pod-kill", json.path("experimentType").asText());
    assertEquals(0.05, json.path("blastRadius").asDouble());
  }
}
