package io.augur.chaos.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.chaos.catalogue.ExperimentType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link SimulatedFleet#over}: a simulated fleet over services named elsewhere. */
class SimulatedFleetOverTest {
  private static final List<String> DEMO =
      List.of("checkout", "payments", "cart", "catalog", "search", "auth", "orders", "shipping");

  @Test
  void shouldDrawTheGeneratedFleetWhenGivenItsOwnNames() {
    SimulatedFleet generated = SimulatedFleet.generate(7, 12, "demo");
    List<String> names = generated.services().stream().map(SimulatedFleet.Service::name).toList();
    SimulatedFleet over = SimulatedFleet.over(7, names, "demo");
    assertEquals(generated.services(), over.services());
    for (String s : names) {
      for (ExperimentType t : ExperimentType.values()) {
        assertEquals(generated.fragility(s, t.id()), over.fragility(s, t.id()), s + " " + t);
      }
    }
    assertEquals(generated.weaknesses(0.5), over.weaknesses(0.5));
  }

  @Test
  void shouldGiveTheNamedServicesPodsCallsAndHiddenWeaknessesFromTheSeed() {
    SimulatedFleet f = SimulatedFleet.over(42, DEMO, "demo");
    assertEquals(DEMO, f.services().stream().map(SimulatedFleet.Service::name).toList());
    for (SimulatedFleet.Service s : f.services()) {
      assertTrue(s.replicas() >= 2 && s.replicas() <= 6, s.toString());
      for (String callee : s.calls()) {
        assertTrue(
            DEMO.indexOf(callee) < DEMO.indexOf(s.name()), s + " calls a service drawn before it");
      }
    }
    assertTrue(f.services().stream().anyMatch(s -> !s.calls().isEmpty()), "dependencies");
    assertEquals(
        f.services(), SimulatedFleet.over(42, DEMO, "demo").services(), "same seed, same fleet");
    List<Object> other = new ArrayList<>(SimulatedFleet.over(43, DEMO, "demo").services());
    assertNotEquals(f.services(), other, "another seed, another fleet");
    // about one (service, fault type) pair in six is a weakness
    int pairs = DEMO.size() * ExperimentType.values().length;
    int weak = f.weaknesses(0.5).size();
    assertTrue(weak > 0 && weak < pairs / 2, weak + " of " + pairs);
  }

  @Test
  void shouldRefuseNamesItCannotUse() {
    assertEquals(
        "names[1] repeats service cart",
        assertThrows(
                IllegalArgumentException.class,
                () -> SimulatedFleet.over(1, List.of("cart", "cart"), "demo"))
            .getMessage());
    assertEquals(
        "names[0] is blank",
        assertThrows(
                IllegalArgumentException.class, () -> SimulatedFleet.over(1, List.of(" "), "demo"))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> SimulatedFleet.over(1, List.of(), "demo"));
  }
}
