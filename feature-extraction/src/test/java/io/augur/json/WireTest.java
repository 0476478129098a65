package io.augur.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WireTest {
  record Target(String name, int port) {}

  @Test
  void shouldReadRecordsWithFieldsItDoesNotKnow() throws Exception {
    Target t = Wire.RECORDS.readValue("{\"name\":\"a\",\"port\":1,\"added\":true}", Target.class);
    assertEquals(new Target("a", 1), t);
    assertEquals("{\"name\":\"a\",\"port\":1}", Wire.record(t), "compact, one line");
  }

  @Test
  void shouldRefuseAFieldAUserMistyped() {
    var e =
        assertThrows(
            UnrecognizedPropertyException.class,
            () -> Wire.USER_YAML.readValue("name: a\nprot: 1\n", Target.class));
    assertTrue(e.getMessage().contains("\"prot\""), e.getMessage());
  }

  @Test
  void shouldWriteReportsAsValidJsonEvenWithNonFiniteNumbers() throws Exception {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("auc", Double.NaN);
    m.put("lead", List.of(1.5, Double.POSITIVE_INFINITY));
    String json = Wire.REPORTS.writeValueAsString(m);
    assertTrue(json.contains("\n"), "indented for people");
    var back = Wire.RECORDS.readTree(json);
    assertTrue(back.get("auc").isNull());
    assertEquals(1.5, back.get("lead").get(0).asDouble());
    assertTrue(back.get("lead").get(1).isNull());
  }
}
