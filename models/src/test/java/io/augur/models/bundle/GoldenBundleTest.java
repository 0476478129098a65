package io.augur.models.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.augur.models.Json;
import io.augur.models.SyntheticData;
import io.augur.models.ensemble.Ensemble;
import java.net.URL;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The checked-in bundle of format 1 must keep loading and scoring as it did when it was written.
 */
class GoldenBundleTest {

  private static Path resource(String name) throws Exception {
    URL u = GoldenBundleTest.class.getClassLoader().getResource(name);
    assertNotNull(u, "test resource " + name + " is missing");
    return Path.of(u.toURI());
  }

  @Test
  void shouldKeepLoadingTheGoldenBundleAndScoringAsRecorded() throws Exception {
    Ensemble e = ModelBundle.load(resource(GoldenBundleWriter.NAME), SyntheticData.SCHEMA);
    assertEquals(3, e.members().size());
    JsonNode expected =
        Json.MAPPER
            .readTree(resource(GoldenBundleWriter.NAME + ".expected.json").toFile())
            .get("probabilities");
    double[] want = new double[expected.size()];
    for (int i = 0; i < want.length; i++) {
      want[i] = expected.get(i).asDouble();
    }
    assertArrayEquals(want, e.probabilities(GoldenBundleWriter.probeWindows()), 1e-9);
  }

  @Test
  void shouldDescribeTheGoldenBundleInItsManifest() throws Exception {
    Manifest m = ModelBundle.manifest(resource(GoldenBundleWriter.NAME));
    assertEquals(1, m.format());
    assertEquals(SyntheticData.SCHEMA.hash(), m.schemaHash());
    assertEquals("2026-11-26T20:00:00Z", m.createdAt());
  }
}
