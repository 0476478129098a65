package io.augur.training.retrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.augur.models.ProgressListener;
import io.augur.models.bundle.ModelBundle;
import io.augur.models.ensemble.Ensemble;
import io.augur.models.ensemble.EnsembleConfig;
import io.augur.models.ensemble.EnsembleTrainer;
import io.augur.models.forest.RandomForestModel;
import io.augur.models.iforest.IsolationForestModel;
import io.augur.models.lstm.LstmModel;
import io.augur.training.sources.SourceHistory;
import io.augur.training.sources.SourceOptions;
import io.augur.training.sources.TrainingSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both sides of the publish rule with real bundles on the demo source: a candidate that beats the
 * current bundle on the held-out recent windows is published next to it (the previous one kept), a
 * worse one is refused, the watch directory is left as it was and the reason is in the decision
 * log.
 */
class RetrainRoundTest {
  static SourceHistory history;

  @TempDir Path dir;

  @BeforeAll
  static void readDemo() {
    history =
        TrainingSources.defaults()
            .create("demo", SourceOptions.defaults().withFleets(2, 4, 1000))
            .read(ProgressListener.NONE);
  }

  /** An isolation forest alone, tiny: unsupervised, it ranks failing windows poorly. */
  static EnsembleTrainer.Config weak() {
    return new EnsembleTrainer.Config(
        Set.of(IsolationForestModel.NAME),
        new IsolationForestModel.Params(3, 16, 8),
        new RandomForestModel.Params(10, 5, 0.5, 8),
        new LstmModel.Params(LstmModel.Mode.HORIZON, 8, 6, 2, 0.01, 64),
        null,
        400,
        EnsembleConfig.defaults());
  }

  /** An isolation forest and a small random forest: supervised, and quick (no LSTM). */
  static EnsembleTrainer.Config strong() {
    return new EnsembleTrainer.Config(
        Set.of(IsolationForestModel.NAME, RandomForestModel.NAME),
        new IsolationForestModel.Params(20, 64, 8),
        new RandomForestModel.Params(10, 5, 0.5, 8),
        new LstmModel.Params(LstmModel.Mode.HORIZON, 8, 6, 2, 0.01, 64),
        null,
        400,
        EnsembleConfig.defaults());
  }

  static RetrainRound.Settings settings() {
    return new RetrainRound.Settings(0.25, PublishRule.defaults(), 3, false, 7, null);
  }

  RetrainRound.Report round(BundleStore store, EnsembleTrainer.Config trainer) throws Exception {
    return RetrainRound.run(
        history, null, store, settings(), trainer, ProgressListener.NONE, Clock.systemUTC());
  }

  static List<JsonNode> decisions(BundleStore store) throws Exception {
    ObjectMapper m = new ObjectMapper();
    return Files.readAllLines(store.stateDir().resolve("decisions.jsonl")).stream()
        .map(
            l -> {
              try {
                return m.readTree(l);
              } catch (Exception e) {
                throw new AssertionError(l, e);
              }
            })
        .toList();
  }

  @Test
  void shouldPublishABetterBundleAndKeepThePreviousOne() throws Exception {
    BundleStore store = new BundleStore(dir.resolve("models"));
    RetrainRound.Report first = round(store, weak());
    assertNotNull(first.published(), "no current bundle, better than chance: " + first.line());
    assertNull(first.currentVersion());

    RetrainRound.Report second = round(store, strong());
    System.out.println(first.line() + "\n" + second.line());
    assertNotNull(second.published(), second.line());
    assertEquals(first.candidateVersion(), second.currentVersion());
    assertTrue(
        second.decision().candidateAucPr() >= second.decision().currentAucPr(), second.line());
    assertEquals(
        List.of(first.published(), second.published()),
        store.bundles(),
        "the previous bundle is kept, the new one is the newest");
    assertEquals(second.published(), store.current().orElseThrow());
    Ensemble now = ModelBundle.load(store.current().orElseThrow());
    assertEquals(second.candidateVersion(), now.version());
    List<JsonNode> log = decisions(store);
    assertEquals(2, log.size());
    assertTrue(log.get(1).path("published").asBoolean(), log.get(1).toString());
    assertEquals(first.candidateVersion(), log.get(1).path("current").asText());
  }

  @Test
  void shouldRefuseAWorseBundleLeaveTheWatchDirAloneAndLogWhy() throws Exception {
    BundleStore store = new BundleStore(dir.resolve("models"));
    RetrainRound.Report good = round(store, strong());
    assertNotNull(good.published(), good.line());
    long mtime = Files.getLastModifiedTime(good.published().resolve("manifest.json")).toMillis();

    RetrainRound.Report worse = round(store, weak());
    System.out.println(good.line() + "\n" + worse.line());
    assertNull(worse.published(), worse.line());
    assertTrue(worse.decision().candidateAucPr() < worse.decision().currentAucPr(), worse.line());
    assertEquals(List.of(good.published()), store.bundles(), "nothing new in the watch dir");
    assertEquals(
        mtime,
        Files.getLastModifiedTime(good.published().resolve("manifest.json")).toMillis(),
        "the current bundle is untouched");
    JsonNode last = decisions(store).get(1);
    assertFalse(last.path("published").asBoolean());
    assertEquals(worse.candidateVersion(), last.path("candidate").asText());
    assertTrue(
        last.path("reason").asText().matches("candidate AUC-PR 0\\.\\d{4} < current 0\\.\\d{4} .*"),
        last.toString());
  }
}
