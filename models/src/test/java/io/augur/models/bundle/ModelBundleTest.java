package io.augur.models.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.augur.domain.FailurePrediction;
import io.augur.domain.FeatureSchema;
import io.augur.models.ComponentWindow;
import io.augur.models.Json;
import io.augur.models.SyntheticData;
import io.augur.models.TrainedFixture;
import io.augur.models.ensemble.Ensemble;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelBundleTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);

  private static Path saved(Path dir) throws IOException {
    Path b = dir.resolve("bundle");
    ModelBundle.save(TrainedFixture.ensemble(), b, CLOCK);
    return b;
  }

  private static List<ComponentWindow> windows() {
    return SyntheticData.windows(TrainedFixture.testSet()).subList(0, 300);
  }

  @Test
  void shouldScoreIdenticallyAfterSaveAndLoad(@TempDir Path tmp) throws Exception {
    Path b = saved(tmp);
    Ensemble loaded = ModelBundle.load(b, SyntheticData.SCHEMA);
    Ensemble original = TrainedFixture.ensemble();
    // identical up to floating-point summation order inside the libraries (1e-12)
    assertArrayEquals(original.probabilities(windows()), loaded.probabilities(windows()), 1e-12);
    List<FailurePrediction> a = original.predict(windows());
    List<FailurePrediction> c = loaded.predict(windows());
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.get(i).probability(), c.get(i).probability(), 1e-12);
      assertEquals(a.get(i).severity(), c.get(i).severity());
      assertEquals(a.get(i).failureMode(), c.get(i).failureMode());
      assertEquals(a.get(i).predictedFailureTimeMs(), c.get(i).predictedFailureTimeMs());
      assertEquals(
          a.get(i).contributingFeatures().stream().map(x -> x.feature()).toList(),
          c.get(i).contributingFeatures().stream().map(x -> x.feature()).toList());
    }
    assertEquals(original.version(), loaded.version());
  }

  @Test
  void shouldWriteAManifestWithEverythingTheIssueAsksFor(@TempDir Path tmp) throws Exception {
    Manifest m = ModelBundle.manifest(saved(tmp));
    assertEquals(ModelBundle.FORMAT, m.format());
    assertEquals("2026-11-26T12:00:00Z", m.createdAt());
    assertEquals(SyntheticData.SCHEMA.hash(), m.schemaHash());
    assertEquals(TrainedFixture.ensemble().trainingFingerprint(), m.trainingDataFingerprint());
    assertEquals("tribuo", m.models().get("random-forest").library());
    assertEquals("4.3.2", m.models().get("random-forest").libraryVersion());
    assertTrue(
        m.models().get("random-forest").provenance().contains("RandomForestTrainer"),
        "Tribuo provenance");
    assertEquals("smile", m.models().get("isolation-forest").library());
    assertEquals("deeplearning4j", m.models().get("lstm").library());
    assertTrue(m.models().get("lstm").hyperparameters().containsKey("hidden"));
    assertTrue(m.models().values().stream().allMatch(i -> i.validation().containsKey("auc")));
    assertTrue(m.validation().containsKey("auc"));
    assertTrue(
        m.files()
            .keySet()
            .containsAll(
                List.of(
                    "ensemble.json", "lstm.zip", "random-forest.tribuo", "isolation-forest.ser")));
    assertTrue(m.files().values().stream().allMatch(h -> h.matches("[0-9a-f]{64}")));
  }

  @Test
  void shouldRefuseACorruptModelFileNamingIt(@TempDir Path tmp) throws Exception {
    Path b = saved(tmp);
    Path f = b.resolve("random-forest.tribuo");
    byte[] bytes = Files.readAllBytes(f);
    bytes[bytes.length / 2] ^= 0x55;
    Files.write(f, bytes);
    BundleException e = assertThrows(BundleException.class, () -> ModelBundle.load(b));
    assertEquals(f, e.file());
    assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
  }

  @Test
  void shouldRefuseATruncatedFile(@TempDir Path tmp) throws Exception {
    Path b = saved(tmp);
    Path f = b.resolve("lstm.zip");
    byte[] bytes = Files.readAllBytes(f);
    Files.write(f, java.util.Arrays.copyOf(bytes, bytes.length / 3));
    BundleException e = assertThrows(BundleException.class, () -> ModelBundle.load(b));
    assertEquals(f, e.file());
  }

  @Test
  void shouldRefuseAMissingFile(@TempDir Path tmp) throws Exception {
    Path b = saved(tmp);
    Files.delete(b.resolve("isolation-forest.ser"));
    BundleException e = assertThrows(BundleException.class, () -> ModelBundle.load(b));
    assertEquals(b.resolve("isolation-forest.ser"), e.file());
    assertTrue(e.getMessage().contains("missing"), e.getMessage());
  }

  @Test
  void shouldRefuseAnUnlistedFile(@TempDir Path tmp) throws Exception {
    Path b = saved(tmp);
    Files.writeString(b.resolve("extra.bin"), "x");
    BundleException e = assertThrows(BundleException.class, () -> ModelBundle.load(b));
    assertTrue(e.getMessage().contains("not listed"), e.getMessage());
  }

  @Test
  void shouldRefuseABundleOfAnotherSchema(@TempDir Path tmp) throws Exception {
    Path b = saved(tmp);
    FeatureSchema other = new FeatureSchema("synthetic", 2, SyntheticData.SCHEMA.features());
    BundleException e = assertThrows(BundleException.class, () -> ModelBundle.load(b, other));
    assertEquals(b.resolve("manifest.json"), e.file());
    assertTrue(e.getMessage().contains("feature schema mismatch"), e.getMessage());
  }

  @Test
  void shouldRefuseAManifestWhoseSchemaHashDoesNotMatchItsSchema(@TempDir Path tmp)
      throws Exception {
    Path b = saved(tmp);
    Path mf = b.resolve("manifest.json");
    ObjectNode n = (ObjectNode) Json.MAPPER.readTree(mf.toFile());
    n.put("schemaHash", "0000000000000000");
    Files.write(mf, Json.MAPPER.writeValueAsBytes(n));
    BundleException e = assertThrows(BundleException.class, () -> ModelBundle.load(b));
    assertTrue(e.getMessage().contains("schemaHash"), e.getMessage());
  }

  @Test
  void shouldRefuseAnUnknownFormatAndAGarbledManifest(@TempDir Path tmp) throws Exception {
    Path b = saved(tmp);
    Path mf = b.resolve("manifest.json");
    ObjectNode n = (ObjectNode) Json.MAPPER.readTree(mf.toFile());
    n.put("format", 99);
    Files.write(mf, Json.MAPPER.writeValueAsBytes(n));
    assertTrue(
        assertThrows(BundleException.class, () -> ModelBundle.load(b))
            .getMessage()
            .contains("format 99"));
    Files.writeString(mf, "{\"format\": 1, ");
    BundleException e = assertThrows(BundleException.class, () -> ModelBundle.load(b));
    assertEquals(mf, e.file());
  }

  @Test
  void shouldRefuseToOverwriteANonEmptyDirectory(@TempDir Path tmp) throws Exception {
    Path b = saved(tmp);
    assertThrows(IOException.class, () -> ModelBundle.save(TrainedFixture.ensemble(), b, CLOCK));
  }
}
