package io.augur.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.domain.FeatureSchema;
import io.augur.domain.FeatureVector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComponentWindowTest {

  private static final FeatureSchema S = new FeatureSchema("s", 1, List.of("a", "b"));

  private static FeatureVector v(long t, FeatureSchema s) {
    return new FeatureVector("job/inst", Map.of("job", "job"), t, s, new double[s.size()]);
  }

  @Test
  void shouldRefuseTimestampsThatDoNotIncrease() {
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> ComponentWindow.of(List.of(v(20, S), v(10, S))));
    assertTrue(e.getMessage().contains("timestampMs"), e.getMessage());
  }

  @Test
  void shouldRefuseMixedSchemas() {
    FeatureSchema other = new FeatureSchema("s", 2, List.of("a", "b"));
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ComponentWindow.of(List.of(v(10, S), v(20, other))));
    assertTrue(e.getMessage().contains("schema"), e.getMessage());
  }

  @Test
  void shouldRefuseAnEmptyWindow() {
    assertThrows(IllegalArgumentException.class, () -> ComponentWindow.of(List.of()));
  }

  @Test
  void shouldTakeComponentAndLabelsFromTheLatestVector() {
    ComponentWindow w = ComponentWindow.of(List.of(v(10, S), v(20, S)));
    assertEquals("job/inst", w.component());
    assertEquals(20, w.timestampMs());
    assertEquals(Map.of("job", "job"), w.labels());
  }
}
