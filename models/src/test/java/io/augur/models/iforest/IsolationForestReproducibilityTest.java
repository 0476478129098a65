package io.augur.models.iforest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.models.ComponentWindow;
import io.augur.models.SyntheticData;
import io.augur.models.TrainingSet;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import smile.math.MathEx;
import smile.stat.distribution.GaussianDistribution;

/** Smile's parallel fit was not reproducible; training by seed must be. */
class IsolationForestReproducibilityTest {

  private static final TrainingSet DATA = SyntheticData.set(21, 8, 120, 2);
  private static final List<ComponentWindow> NORMAL = SyntheticData.normalWindows(DATA);
  private static final List<ComponentWindow> PROBES = SyntheticData.windows(DATA);

  private static double[] trainAndScore(long seed) {
    return IsolationForestModel.train(
            SyntheticData.SCHEMA, NORMAL, IsolationForestModel.Params.defaults(), seed)
        .rawScores(PROBES);
  }

  @Test
  void shouldGiveIdenticalScoresWhenTrainedTwiceWithTheSameSeed() throws Exception {
    double[] first = trainAndScore(42);
    // disturb Smile's shared random state in between: its generator, and its Gaussian's cached
    // value
    MathEx.setSeed(7);
    GaussianDistribution.getInstance().rand();
    double[] second = trainAndScore(42);
    double[] onAnotherThread = CompletableFuture.supplyAsync(() -> trainAndScore(42)).get();
    assertArrayEquals(first, second, 0.0);
    assertArrayEquals(first, onAnotherThread, 0.0);
  }

  @Test
  void shouldTrainOnFewerNormalWindowsThanTheSampleSize() {
    // Smile's own fit refused this ("Invalid sampling rating: 1.0"); each tree now takes all 40
    // rows
    List<ComponentWindow> few = NORMAL.subList(0, 40);
    double[] scores =
        IsolationForestModel.train(
                SyntheticData.SCHEMA, few, IsolationForestModel.Params.defaults(), 42)
            .rawScores(PROBES);
    assertEquals(PROBES.size(), scores.length);
    assertTrue(Arrays.stream(scores).allMatch(Double::isFinite));
    assertTrue(Arrays.stream(scores).distinct().count() > 1, "the scores must tell windows apart");
  }

  @Test
  void shouldGrowOtherTreesForAnotherSeed() {
    assertFalse(Arrays.equals(trainAndScore(42), trainAndScore(43)));
  }
}
