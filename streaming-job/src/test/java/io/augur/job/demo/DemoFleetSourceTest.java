package io.augur.job.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.domain.MetricSample;
import io.augur.fleet.FleetConfig;
import io.augur.ingest.PrometheusJson;
import io.augur.job.chaos.ReplicaCount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo source's kube-state-metrics samples and end marker, added to unchanged fleet lines. */
class DemoFleetSourceTest {
  private static final FleetConfig FLEET =
      new FleetConfig(4, 3, FleetConfig.DEFAULT_START_MS, 15_000, 10, 0, true);

  @TempDir Path dir;

  @Test
  void shouldAddReplicaCountsTheChaosPlannerReadsWithoutTouchingTheFleetsLines() throws Exception {
    Path done = dir.resolve("fleet.done");
    TreeMap<String, Integer> replicas = new TreeMap<>(Map.of("checkout", 3, "payments", 5));
    var plain = new DemoFleetSource.StepLines(FLEET, 0.01);
    var withKube = new DemoFleetSource.StepLines(FLEET, 0.01, replicas, done.toString());
    for (long step = 0; step < FLEET.steps(); step++) {
      List<String> a = plain.map(step);
      List<String> b = withKube.map(step);
      assertEquals(a, b.subList(0, a.size()), "the fleet's own lines (and corruption) unchanged");
      List<String> extra = b.subList(a.size(), b.size());
      if (step % DemoFleetSource.KUBE_STATE_EVERY != 0) {
        assertEquals(List.of(), extra, "step " + step);
        continue;
      }
      assertEquals(2, extra.size(), "one sample per deployment at step " + step);
      Map<String, Integer> seen = new TreeMap<>();
      for (String line : extra) {
        MetricSample s = PrometheusJson.parse(line).sample();
        assertEquals("kube_deployment_spec_replicas", s.metric());
        assertEquals("kube-state-metrics", s.labels().get("job"));
        ReplicaCount c = ReplicaCount.of(s).orElseThrow();
        assertEquals(FLEET.startMs() + step * FLEET.stepMs(), c.timestampMs());
        seen.put(c.service(), c.replicas());
      }
      assertEquals(replicas, seen);
      assertEquals(
          step == FLEET.steps() - 1, Files.exists(done), "marker only after the last step");
    }
    assertTrue(Files.exists(done), "the end marker is written with the last step");
    assertFalse(Files.readString(done).isBlank());
  }
}
