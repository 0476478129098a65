package io.augur.evaluation.nab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scoring NAB's checked-in detector outputs reproduces the published scoreboard (SCOREBOARD.md).
 */
class NabReferenceReproductionTest {

  private static ProfileScore scoreAtStored(String detector, NabProfile profile) {
    Path nab = NabTestData.nabDir();
    NabCorpus corpus = NabTestData.corpus();
    DetectorScores scores = NabResultFiles.read(nab.resolve("reference_results"), detector, corpus);
    double threshold =
        StoredThresholds.load(nab.resolve("config/thresholds.json"))
            .require(detector, profile.name());
    return new NabScorer(corpus).score(scores, profile, threshold, "stored");
  }

  @Test
  void shouldReadTheWholeCorpusWith116Windows() {
    NabCorpus corpus = NabTestData.corpus();
    assertEquals(58, corpus.files().size());
    assertEquals(116, corpus.windowCount());
    assertEquals(365_558, corpus.rowCount());
  }

  @Test
  void shouldReproducePublishedNumentaHtmScoresWithStoredThresholds() {
    assertEquals(70.10, scoreAtStored("numenta", NabProfile.STANDARD).normalisedScore(), 0.005);
    assertEquals(
        63.12, scoreAtStored("numenta", NabProfile.REWARD_LOW_FP).normalisedScore(), 0.005);
    assertEquals(
        74.32, scoreAtStored("numenta", NabProfile.REWARD_LOW_FN).normalisedScore(), 0.005);
    assertEquals(46.63445, scoreAtStored("numenta", NabProfile.STANDARD).rawScore(), 1e-4);
  }

  @Test
  void shouldReproducePublishedRandomCutForestScoresWithStoredThresholds() {
    assertEquals(
        51.72, scoreAtStored("randomCutForest", NabProfile.STANDARD).normalisedScore(), 0.005);
    assertEquals(
        38.36, scoreAtStored("randomCutForest", NabProfile.REWARD_LOW_FP).normalisedScore(), 0.005);
    assertEquals(
        59.75, scoreAtStored("randomCutForest", NabProfile.REWARD_LOW_FN).normalisedScore(), 0.005);
  }

  @Test
  void shouldMatchEveryPerFileScoreNabCheckedIn() throws IOException {
    Path nab = NabTestData.nabDir();
    for (NabProfile profile : NabProfile.ALL) {
      ProfileScore ours = scoreAtStored("numenta", profile);
      Path csv = nab.resolve("reference_results/numenta/numenta_" + profile.name() + "_scores.csv");
      List<String> lines = Files.readAllLines(csv);
      int checked = 0;
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.split(",");
        if (f[2].endsWith(".csv")) {
          assertEquals(
              Double.parseDouble(f[4]),
              ours.fileScores().get(f[2]),
              1e-6,
              profile.name() + " " + f[2]);
          checked++;
        }
      }
      assertEquals(58, checked, "per-file rows in " + csv);
    }
  }

  @Test
  void shouldFindThresholdsWithOptimiserThatMatchOrBeatStoredOnes() {
    NabCorpus corpus = NabTestData.corpus();
    DetectorScores numenta =
        NabResultFiles.read(NabTestData.nabDir().resolve("reference_results"), "numenta", corpus);
    NabScorer scorer = new NabScorer(corpus);
    // SCOREBOARD.md, X-opt: NAB's current optimiser gives numenta 70.101 / 63.209 / 74.320
    ProfileScore standard = scorer.scoreOptimised(numenta, NabProfile.STANDARD);
    ProfileScore lowFp = scorer.scoreOptimised(numenta, NabProfile.REWARD_LOW_FP);
    ProfileScore lowFn = scorer.scoreOptimised(numenta, NabProfile.REWARD_LOW_FN);
    assertEquals(70.101, standard.normalisedScore(), 5e-4);
    assertEquals(63.209, lowFp.normalisedScore(), 5e-4);
    assertEquals(74.320, lowFn.normalisedScore(), 5e-4);
    // the stored standard threshold flags the same rows as the optimiser's choice: no score lies
    // between them
    double stored =
        scorer.score(numenta, NabProfile.STANDARD, 0.5421876907348634, "stored").rawScore();
    assertEquals(stored, standard.rawScore(), 1e-9);
    assertEquals(0.5421876907348634, standard.threshold(), 0.001);
  }
}
