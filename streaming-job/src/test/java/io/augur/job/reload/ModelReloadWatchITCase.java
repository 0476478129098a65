package io.augur.job.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The directory-watching control source itself, running in a MiniCluster: bundles dropped into the
 * watched directory while the job runs are announced (good) or refused once (bad), in order, and a
 * bad one does not displace the current model.
 */
class ModelReloadWatchITCase {
  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(1)
              .build());

  @Test
  @Timeout(120)
  void shouldAnnounceAndRefuseBundlesWrittenWhileTheJobRuns(@TempDir Path root) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    try (CloseableIterator<ModelControl> controls =
        ModelReload.watchDirectory(env, root, Duration.ofMillis(20), TextBundles.LOADER)
            .filter(c -> c.announcement() != null || c.refusal() != null)
            .executeAndCollect("model reload watch")) {
      // The directory is empty at the start: nothing but heartbeats (filtered) until a bundle
      // appears.
      TextBundles.write(root, "v1", true, 1_000_000);
      ModelControl first = controls.next();
      assertNotNull(first.announcement(), "a good bundle is announced, got " + first);
      assertEquals("v1", first.announcement().version());
      assertTrue(first.announcement().path().endsWith("v1"), first.announcement().path());

      TextBundles.write(root, "v2", false, 2_000_000);
      ModelControl second = controls.next();
      assertNull(second.announcement(), "a bad bundle is not announced");
      assertEquals(ModelHolder.STAGE, second.refusal().stage());
      assertTrue(
          second.refusal().message().contains("keeping model v1"), second.refusal().message());

      TextBundles.write(root, "v3", true, 3_000_000);
      ModelControl third = controls.next();
      assertEquals(
          "v3",
          third.announcement().version(),
          "the bad bundle was refused once, then the next good one came: " + third);
    }
  }
}
