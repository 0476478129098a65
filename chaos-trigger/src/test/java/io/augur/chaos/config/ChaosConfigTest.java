package io.augur.chaos.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.chaos.score.ResilienceTerm;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ChaosConfigTest {
  @Test
  void shouldShipAnExampleThatEqualsTheDefaults() {
    assertEquals(ChaosConfig.defaults(), ChaosConfig.read(Path.of("examples/chaos-config.yaml")));
  }

  @Test
  void shouldFallBackToDefaultsForMissingSections() {
    ChaosConfig c =
        ChaosConfig.parse(
            "health:\n  threshold: 0.9\nscore:\n  queries:\n    availability: 'up'\n");
    assertEquals(0.9, c.healthThreshold());
    assertEquals(ChaosConfig.defaults().healthQueries(), c.healthQueries());
    assertEquals(1, c.score().queries().size());
    assertEquals("up", c.score().queries().get(ResilienceTerm.AVAILABILITY));
    assertEquals(ChaosConfig.defaults(), ChaosConfig.parse(""));
  }

  @Test
  void shouldRefuseUnknownKeysAndALowHealthThreshold() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ChaosConfig.parse("helth: {}\n"));
    assertTrue(e.getMessage().contains("helth"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> ChaosConfig.parse("health:\n  threshold: 0.5\n"));
    assertTrue(
        e.getMessage().contains("health.threshold") && e.getMessage().contains("0.5"),
        e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ChaosConfig.parse("score:\n  queries:\n    uptime: 'up'\n"));
    assertTrue(e.getMessage().contains("score.queries.uptime"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ChaosConfig.parse(
                    "abortConditions:\n  - name: x\n    promql: up\n    threshold: high\n"));
    assertTrue(e.getMessage().contains("abortConditions[0].threshold"), e.getMessage());
  }
}
