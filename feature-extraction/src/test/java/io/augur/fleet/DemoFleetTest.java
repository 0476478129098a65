package io.augur.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.domain.MetricSample;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemoFleetTest {
  private final DemoFleet fleet = new DemoFleet(FleetConfig.demo(42));

  @Test
  void shouldBeReproducibleAndRandomAccess() {
    DemoFleet again = new DemoFleet(FleetConfig.demo(42));
    assertEquals(fleet.failures(), again.failures());
    assertEquals(fleet.step(700), again.step(700));
    assertEquals(fleet.step(3), fleet.step(3));
  }

  @Test
  void shouldInjectEveryFailureModeOnDistinctServices() {
    Set<FailureMode> modes =
        fleet.failures().stream().map(InjectedFailure::mode).collect(Collectors.toSet());
    assertEquals(EnumSet.allOf(FailureMode.class), EnumSet.copyOf(modes));
    assertEquals(8, fleet.failures().stream().map(InjectedFailure::component).distinct().count());
    for (InjectedFailure f : fleet.failures()) {
      assertTrue(
          f.onsetMs() >= fleet.config().startMs() && f.recoveredMs() < fleet.endMs(), f.toString());
    }
  }

  @Test
  void quietFleetShouldShareBackgroundWithFailingFleet() {
    DemoFleet quiet = new DemoFleet(FleetConfig.demo(42).withFailures(0));
    assertTrue(quiet.failures().isEmpty());
    assertEquals(quiet.step(5), fleet.step(5)); // before any onset, identical noise
  }

  @Test
  void memoryLeakShouldApproachTheLimitAndServiceShouldGoDownThenResetCounters() {
    DemoFleet f = new DemoFleet(FleetConfig.demo(3));
    InjectedFailure leak =
        f.failures().stream()
            .filter(x -> x.mode() == FailureMode.MEMORY_LEAK)
            .findFirst()
            .orElseThrow();
    long stepMs = f.config().stepMs();
    long atFailure = (leak.failureMs() - f.config().startMs()) / stepMs;
    double mem = value(f.step(atFailure), leak.component(), FleetMetric.MEMORY);
    assertTrue(mem > 0.95 * FleetMetric.MEMORY_LIMIT_BYTES, "memory at failure " + mem);
    long down = atFailure + 1;
    assertTrue(
        f.step(down).stream().noneMatch(s -> component(s).equals(leak.component())),
        "service should be down");
    long before = atFailure - 2;
    long after = (leak.recoveredMs() - f.config().startMs()) / stepMs + 1;
    double reqBefore = value(f.step(before), leak.component(), FleetMetric.REQUESTS_TOTAL);
    double reqAfter = value(f.step(after), leak.component(), FleetMetric.REQUESTS_TOTAL);
    assertTrue(
        reqAfter < reqBefore,
        "counter should reset after the restart: " + reqBefore + " -> " + reqAfter);
  }

  @Test
  void countersShouldNeverDecreaseWithoutRestart() {
    DemoFleet quiet = new DemoFleet(FleetConfig.demo(9).withFailures(0));
    Map<String, Double> last = new HashMap<>();
    for (long k = 0; k < quiet.steps(); k++) {
      for (MetricSample s : quiet.step(k)) {
        if (s.metric().endsWith("_total")) {
          Double prev = last.put(s.seriesKey().canonical(), s.value());
          assertTrue(prev == null || s.value() >= prev, s + " after " + prev);
        }
      }
    }
  }

  @Test
  void shouldEmitTenMetricsForEveryService() {
    List<MetricSample> step = fleet.step(0);
    assertEquals(200, step.size());
    assertEquals(10, step.stream().map(MetricSample::metric).distinct().count());
  }

  private static String component(MetricSample s) {
    return s.labels().get("job") + "/" + s.labels().get("instance");
  }

  private static double value(List<MetricSample> step, String component, FleetMetric m) {
    return step.stream()
        .filter(s -> component(s).equals(component) && s.metric().equals(m.metricName()))
        .findFirst()
        .orElseThrow()
        .value();
  }
}
