package io.augur.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.domain.AlertPolicy;
import org.junit.jupiter.api.Test;

/** {@code alerts.*} as the one {@link AlertPolicy}. */
class AlertOptionsTest {

  @Test
  void shouldDefaultToTheDefaultPolicy() {
    assertEquals(AlertPolicy.defaults(), AlertOptions.policy(AugurOptions.builder().build()));
    assertEquals(0.6, AlertPolicy.defaults().resolveBelow(), 1e-12);
  }

  @Test
  void shouldReadTheHoldFromYaml() {
    Configuration c =
        AugurOptions.builder()
            .yaml("alerts:\n  forSteps: 8\n  windowSteps: 10\n  hysteresis: 0.2\n", "augur.yaml")
            .build();
    assertEquals(new AlertPolicy(0.7, 0.9, 0.2, 8, 10), AlertOptions.policy(c));
  }

  @Test
  void shouldNameTheKeysWhenKExceedsN() {
    Configuration c =
        AugurOptions.builder().yaml("alerts:\n  forSteps: 20\n", "augur.yaml").build();
    ConfigException e = assertThrows(ConfigException.class, () -> AlertOptions.policy(c));
    assertTrue(
        e.getMessage().startsWith("alerts: windowSteps must be within [holdSteps=20, 64], got 16"),
        e.getMessage());
  }
}
