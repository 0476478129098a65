package io.augur.evaluation.nab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.evaluation.detect.WindowedGaussianDetector;
import org.junit.jupiter.api.Test;

/**
 * The harness reproduces NAB's published windowed Gaussian scores (39.65 / 20.87 / 47.41) within
 * one point.
 */
class BaselineReproductionTest {

  @Test
  void shouldReproducePublishedWindowedGaussianScoresWithinOnePoint() {
    NabCorpus corpus = NabTestData.corpus();
    NabRunner.Run run =
        new NabRunner(2, null).run("windowedGaussian", WindowedGaussianDetector::new, corpus, null);
    NabScorer scorer = new NabScorer(corpus);
    StoredThresholds stored =
        StoredThresholds.load(NabTestData.nabDir().resolve("config/thresholds.json"));
    double[] published = {39.65, 20.87, 47.41};
    for (int p = 0; p < 3; p++) {
      NabProfile profile = NabProfile.ALL.get(p);
      ProfileScore atStored =
          scorer.score(
              run.scores(), profile, stored.require("windowedGaussian", profile.name()), "stored");
      ProfileScore optimised = scorer.scoreOptimised(run.scores(), profile);
      System.out.printf(
          "windowedGaussian %s: stored-threshold %.3f, optimised %.3f (threshold %s), %.1f s%n",
          profile.name(),
          atStored.normalisedScore(),
          optimised.normalisedScore(),
          optimised.threshold(),
          run.seconds());
      assertEquals(
          published[p],
          atStored.normalisedScore(),
          1.0,
          profile.name() + " at NAB's stored threshold");
      assertEquals(
          published[p],
          optimised.normalisedScore(),
          1.0,
          profile.name() + " at the optimised threshold");
    }
    assertTrue(run.seconds() < 60, "the whole corpus took " + run.seconds() + " s");
  }
}
