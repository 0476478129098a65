package io.augur.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.domain.FeatureVector;
import io.augur.fleet.DemoFleet;
import io.augur.fleet.FleetConfig;
import io.augur.fleet.FleetMetric;
import io.augur.fleet.InjectedFailure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FleetFeaturesTest {

  @Test
  void shouldEmitOneVectorPerStepForEveryComponentOfAQuietFleet() {
    DemoFleet fleet = new DemoFleet(FleetConfig.demo(3).withFailures(0).withSteps(120));
    FeatureConfig cfg = FeatureConfig.demoFleet();
    Map<String, List<FeatureVector>> vectors = FleetFeatures.vectors(fleet, cfg);
    assertEquals(fleet.components(), List.copyOf(vectors.keySet()));
    for (int i = 0; i < fleet.config().services(); i++) {
      List<FeatureVector> v = vectors.get(fleet.component(i));
      assertEquals(120, v.size(), fleet.component(i));
      assertEquals(fleet.timeOf(0), v.get(0).timestampMs());
      assertEquals(fleet.timeOf(119), v.get(119).timestampMs());
      FeatureVector late = v.get(119);
      assertEquals(FeatureSchemas.demoFleet(), late.schema());
      for (FleetMetric m : FleetMetric.values()) {
        assertEquals(0.0, late.get(m.metricName() + ":missing_ratio"), 1e-12);
      }
      double rps = late.get("http_requests_total:rate");
      assertTrue(rps > 20 && rps < 300, "requests rate " + rps);
    }
  }

  @Test
  void shouldShowAMemoryLeakAsARisingSlopeBeforeTheFailure() {
    DemoFleet fleet = new DemoFleet(FleetConfig.demo(11));
    InjectedFailure leak =
        fleet.failures().stream()
            .filter(f -> f.mode() == io.augur.fleet.FailureMode.MEMORY_LEAK)
            .findFirst()
            .orElse(null);
    org.junit.jupiter.api.Assumptions.assumeTrue(leak != null, "seed 11 injects no memory leak");
    Map<String, List<FeatureVector>> vectors =
        FleetFeatures.vectors(fleet, FeatureConfig.demoFleet());
    List<FeatureVector> v = vectors.get(leak.component());
    String slope = FleetMetric.MEMORY.metricName() + ":slope";
    double before =
        v.stream()
            .filter(x -> x.timestampMs() < leak.onsetMs())
            .mapToDouble(x -> Math.abs(x.get(slope)))
            .average()
            .orElseThrow();
    double nearFailure =
        v.stream()
            .filter(
                x ->
                    x.timestampMs() > leak.failureMs() - 600_000
                        && x.timestampMs() <= leak.failureMs())
            .mapToDouble(x -> x.get(slope))
            .average()
            .orElseThrow();
    assertTrue(
        nearFailure > 5 * before,
        "slope near failure " + nearFailure + " vs baseline |slope| " + before);
  }
}
