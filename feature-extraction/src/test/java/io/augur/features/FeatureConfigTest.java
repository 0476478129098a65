package io.augur.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.domain.FeatureSchema;
import io.augur.domain.MetricSample;
import io.augur.fleet.DemoFleet;
import io.augur.fleet.FleetConfig;
import io.augur.fleet.FleetMetric;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FeatureConfigTest {

  @Test
  void shouldDefaultToFiveMinuteWindowsOnAFifteenSecondStepByJobAndInstance() {
    FeatureConfig c = FeatureConfig.forMetrics(List.of("up", "http_requests_total"));
    assertEquals(300_000, c.windowMs());
    assertEquals(15_000, c.stepMs());
    assertEquals(20, c.windowPoints());
    assertEquals(List.of("job", "instance"), c.componentLabels());
    assertEquals(Set.of("http_requests_total"), c.counters());
    assertEquals(List.of("namespace", "pod"), c.kubernetes().componentLabels());
  }

  @Test
  void shouldNameTheOffendingArgument() {
    FeatureConfig c = FeatureConfig.forMetrics(List.of("up"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> c.withWindow(100_000, 15_000))
            .getMessage()
            .contains("windowMs"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> c.withSeriesTtl(1000))
            .getMessage()
            .contains("seriesTtlMs"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> c.withMaxSeriesPerComponent(0))
            .getMessage()
            .contains("maxSeriesPerComponent"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> c.withCounters(Set.of("nope")))
            .getMessage()
            .contains("nope"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class, () -> FeatureConfig.forMetrics(List.of("a", "a")))
            .getMessage()
            .contains("metrics"));
    assertThrows(
        IllegalArgumentException.class, () -> FeatureConfig.forMetrics(List.of("bad-name")));
  }

  @Test
  void shouldBuildTheDemoFleetSchemaFromItsTenMetrics() {
    FeatureSchema s = FeatureSchemas.demoFleet();
    int gauges =
        (int) java.util.Arrays.stream(FleetMetric.values()).filter(m -> !m.counter()).count();
    int counters = FleetMetric.values().length - gauges;
    assertEquals(
        gauges * SeriesFeature.countFor(false) + counters * SeriesFeature.countFor(true), s.size());
    assertEquals("process_cpu_usage_ratio:last", s.features().get(0));
    assertTrue(s.features().contains("http_requests_total:rate"));
    assertTrue(!s.features().contains("process_cpu_usage_ratio:rate"));
    assertEquals(FeatureSchemas.FEATURE_SET_VERSION, s.version());
  }

  @Test
  void shouldChangeTheSchemaHashWhenTheWindowChanges() {
    FeatureConfig c = FeatureConfig.demoFleet();
    assertEquals(FeatureSchemas.of(c).hash(), FeatureSchemas.demoFleet().hash());
    assertNotEquals(
        FeatureSchemas.of(c).hash(), FeatureSchemas.of(c.withWindow(600_000, 15_000)).hash());
  }

  @Test
  void shouldKeySamplesByTheDemoFleetsComponentIds() {
    DemoFleet fleet = new DemoFleet(FleetConfig.demo(1).withFailures(0).withSteps(2));
    FeatureConfig c = FeatureConfig.demoFleet();
    List<MetricSample> step = fleet.step(0);
    for (int i = 0; i < fleet.config().services(); i++) {
      String expected = fleet.component(i);
      assertTrue(
          step.stream().anyMatch(s -> ComponentKeys.componentOf(s, c).equals(expected)), expected);
    }
    MetricSample s = step.get(0);
    assertEquals("demo/" + s.labels().get("pod"), ComponentKeys.componentOf(s, c.kubernetes()));
    MetricSample bare = new MetricSample("up", Map.of("job", "j"), 0, 1);
    assertEquals("j/", ComponentKeys.componentOf(bare, c));
  }
}
