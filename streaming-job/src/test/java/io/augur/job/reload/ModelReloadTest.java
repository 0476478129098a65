package io.augur.job.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelReloadTest {

  @Test
  void shouldAnnounceGoodBundlesAndRefuseBadOnesOnceKeepingTheCurrent(@TempDir Path root)
      throws Exception {
    BundleDirectoryWatcher<String> w = new BundleDirectoryWatcher<>(root, TextBundles.LOADER);
    assertEquals(Optional.empty(), w.poll(1));
    TextBundles.write(root, "v1", true, 1_000_000);
    ModelControl c1 = w.poll(2).orElseThrow();
    assertEquals("v1", c1.announcement().version());
    assertEquals(Optional.empty(), w.poll(3), "nothing new");
    TextBundles.write(root, "v2", false, 2_000_000);
    ModelControl c2 = w.poll(4).orElseThrow();
    assertNull(c2.announcement());
    assertTrue(
        c2.refusal().message().contains("checksum mismatch")
            && c2.refusal().message().contains("keeping model v1"),
        c2.refusal().message());
    assertEquals(Optional.empty(), w.poll(5), "a bad bundle is reported once");
    assertEquals("v1", w.current().orElseThrow().version());
    TextBundles.write(root, "v3", true, 3_000_000);
    assertEquals("v3", w.poll(6).orElseThrow().announcement().version());
  }

  @Test
  void shouldSwapOnlyToAValidatedBundle(@TempDir Path root) throws Exception {
    ModelHolder<String> h = new ModelHolder<>(TextBundles.LOADER);
    Path v1 = TextBundles.write(root, "v1", true, 1);
    Path bad = TextBundles.write(root, "v2", false, 2);
    assertEquals(
        ModelHolder.Status.SWAPPED,
        h.offer(new ModelAnnouncement(v1.toString(), "v1", 0), 0).status());
    assertEquals(
        ModelHolder.Status.UNCHANGED,
        h.offer(new ModelAnnouncement(v1.toString(), "v1", 0), 0).status());
    ModelHolder.Outcome refused = h.offer(new ModelAnnouncement(bad.toString(), "", 0), 0);
    assertEquals(ModelHolder.Status.REFUSED, refused.status());
    assertEquals(ModelHolder.STAGE, refused.refusal().stage());
    assertEquals("model-v1", h.model(), "the current model is kept");
    ModelHolder.Outcome wrongVersion =
        h.offer(new ModelAnnouncement(v1.toString().replace("v1", "v1"), "v9", 0), 0);
    assertEquals(ModelHolder.Status.REFUSED, wrongVersion.status());
    assertTrue(
        wrongVersion.refusal().message().contains("announced version v9"),
        wrongVersion.refusal().message());
  }

  @Test
  void shouldParseControlMessagesAndRefuseBadOnes() {
    ModelControl ok = ModelReload.parseControl("{\"path\": \"/models/v7\", \"version\": \"v7\"}");
    assertEquals("/models/v7", ok.announcement().path());
    assertEquals("v7", ok.announcement().version());
    assertTrue(ModelReload.parseControl("{\"version\": 7}").refusal().message().contains("path"));
    assertTrue(ModelReload.parseControl("not json").refusal() != null);
  }
}
