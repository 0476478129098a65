package io.augur.training.retrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.models.ProgressListener;
import io.augur.models.bundle.ModelBundle;
import io.augur.models.ensemble.Ensemble;
import io.augur.models.ensemble.EnsembleTrainer;
import io.augur.training.sources.SourceOptions;
import io.augur.training.sources.TrainingPlan;
import io.augur.training.sources.TrainingSetBuilder;
import io.augur.training.sources.TrainingSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishing into the watch directory: atomic, newest by manifest time, previous bundles kept. */
class BundleStoreTest {
  static Ensemble trained;

  @TempDir Path dir;

  @BeforeAll
  static void train() {
    // a small real bundle: an isolation forest on one simulated fleet's three hours
    var history =
        TrainingSources.defaults()
            .create("demo", SourceOptions.defaults().withFleets(1, 3, 1000))
            .read(ProgressListener.NONE);
    var set =
        TrainingSetBuilder.build(history, TrainingPlan.defaults(false, 7), ProgressListener.NONE)
            .set();
    trained = new EnsembleTrainer(RetrainRoundTest.weak()).train(set, 7, ProgressListener.NONE);
  }

  static Ensemble version(String v) {
    return RetrainRound.versioned(trained, Clock.fixed(Instant.parse(v), ZoneOffset.UTC));
  }

  @Test
  void shouldPublishTheNewestAndKeepThePrevious() throws Exception {
    BundleStore s = new BundleStore(dir.resolve("models"));
    Clock c = Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC);
    Path a = s.publish(version("2026-12-02T10:00:00Z"), c, 3);
    // the clock does not move: the manifest time still orders the second bundle after the first
    Path b = s.publish(version("2026-12-02T11:00:00Z"), c, 3);
    assertEquals(List.of(a, b), s.bundles());
    assertEquals(b, s.current().orElseThrow());
    assertTrue(
        Files.getLastModifiedTime(b.resolve("manifest.json")).toMillis()
            > Files.getLastModifiedTime(a.resolve("manifest.json")).toMillis());
    assertEquals(trained.version() + "-r20261202T110000000Z", ModelBundle.load(b).version());
    try (Stream<Path> staging = Files.list(s.stateDir())) {
      assertEquals(List.of(), staging.toList(), "no staging left behind");
    }
    Path c3 = s.publish(version("2026-12-02T12:00:00Z"), c, 2);
    assertEquals(List.of(b, c3), s.bundles(), "--keep 2 deletes the oldest");
  }

  @Test
  void shouldRefuseAVersionAlreadyPublished() throws Exception {
    BundleStore s = new BundleStore(dir);
    Clock c = Clock.systemUTC();
    s.publish(version("2026-12-02T10:00:00Z"), c, 3);
    assertTrue(
        assertThrows(
                IllegalStateException.class, () -> s.publish(version("2026-12-02T10:00:00Z"), c, 3))
            .getMessage()
            .endsWith("is already published"));
    assertThrows(IllegalArgumentException.class, () -> s.publish(trained, c, 1));
  }

  @Test
  void shouldRollBackToThePreviousBundle() throws Exception {
    BundleStore s = new BundleStore(dir);
    Clock c = Clock.systemUTC();
    Path a = s.publish(version("2026-12-02T10:00:00Z"), c, 3);
    Path b = s.publish(version("2026-12-02T11:00:00Z"), c, 3);
    FileTime before = Files.getLastModifiedTime(a.resolve("manifest.json"));
    assertEquals(a, s.rollback(c));
    assertEquals(List.of(a), s.bundles());
    assertTrue(
        Files.getLastModifiedTime(a.resolve("manifest.json")).compareTo(before) > 0,
        "a new manifest time, so the watching job announces it again");
    try (Stream<Path> away = Files.list(s.stateDir().resolve("rolled-back"))) {
      assertTrue(
          away.anyMatch(p -> p.getFileName().toString().startsWith(b.getFileName().toString())));
    }
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> s.rollback(c))
            .getMessage()
            .startsWith("--rollback needs a previous bundle"));
  }
}
