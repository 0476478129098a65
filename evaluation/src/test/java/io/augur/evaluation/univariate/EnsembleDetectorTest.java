package io.augur.evaluation.univariate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.evaluation.detect.SeriesInfo;
import io.augur.evaluation.univariate.EnsembleDetector.View;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ensemble as a streaming detector on a synthetic series: a daily-like sine with noise, 2,000
 * points, trained on its first 400 (its probationary period), with a spike at 1,000, a level shift
 * from 1,400 and a flat line from 1,800. The ensemble is trained once for the class (a few seconds)
 * and shared by the views through {@link SeriesRuns}.
 */
class EnsembleDetectorTest {

  private static final int LENGTH = 2000;
  private static final int PROBATION = 400;
  private static final int[] ONSETS = {1000, 1400, 1800};

  private static double[] series;
  private static SeriesRuns runs;
  private static double[] ensembleScores;

  @BeforeAll
  static void streamTheEnsemble() {
    SplittableRandom r = new SplittableRandom(5);
    series = new double[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      series[i] = 50 + 10 * Math.sin(2 * Math.PI * i / 96.0) + r.nextGaussian();
    }
    series[1000] += 12;
    for (int i = 1400; i < 1800; i++) {
      series[i] += 8;
    }
    for (int i = 1800; i < LENGTH; i++) {
      series[i] = series[1799];
    }
    runs = new SeriesRuns();
    ensembleScores = stream(View.ENSEMBLE);
  }

  private static double[] stream(View view) {
    EnsembleDetector d = new EnsembleDetector(EnsembleDetector.Settings.defaults(), view, runs);
    d.start(new SeriesInfo("synthetic/sine.csv", LENGTH, PROBATION));
    double[] s = new double[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      s[i] = d.score(60_000L * i, series[i]);
      assertTrue(s[i] >= 0 && s[i] <= 1, "score " + s[i] + " at " + i);
    }
    return s;
  }

  @Test
  void shouldScoreZeroWhileTrainingOnTheProbationaryPeriod() {
    for (int i = 0; i < PROBATION - 1; i++) {
      assertEquals(0.0, ensembleScores[i], "row " + i);
    }
    assertTrue(ensembleScores[PROBATION] > 0);
  }

  @Test
  void shouldScoreEachInjectedAnomalyAboveEveryNormalPoint() {
    double normalMax = Arrays.stream(ensembleScores, PROBATION, 990).max().orElseThrow();
    for (int onset : ONSETS) {
      double atOnset = Arrays.stream(ensembleScores, onset, onset + 10).max().orElseThrow();
      assertTrue(
          atOnset > normalMax,
          "anomaly at " + onset + " scored " + atOnset + ", normal points up to " + normalMax);
    }
  }

  @Test
  void shouldReplayTheSharedRunForEachMemberAlone() {
    for (View member : new View[] {View.ISOLATION_FOREST, View.LSTM, View.RANDOM_FOREST}) {
      double[] s = stream(member);
      assertEquals(0.0, s[PROBATION - 2]);
      assertTrue(
          Arrays.stream(s, PROBATION, LENGTH).anyMatch(x -> x > 0), member + " scored nothing");
    }
  }

  @Test
  void shouldCombineTheMembersWithoutLabelsAsTheHighestOfTheirRanks() {
    MembersRankMax max =
        new MembersRankMax(
            new EnsembleDetector(EnsembleDetector.Settings.defaults(), View.ENSEMBLE, runs));
    max.start(new SeriesInfo("synthetic/sine.csv", LENGTH, PROBATION));
    double[] s = new double[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      s[i] = max.score(60_000L * i, series[i]);
      assertTrue(s[i] >= 0 && s[i] <= 1, "score " + s[i] + " at " + i);
    }
    assertEquals(0.0, s[PROBATION - 2], "before training");
    // the replayed member views, ranked by hand: the combination is the highest rank at every row
    double[][] members = {
      stream(View.ISOLATION_FOREST), stream(View.LSTM), stream(View.RANDOM_FOREST)
    };
    int first = PROBATION - 1;
    for (int i = first + 20; i < LENGTH; i += 97) {
      double want = 0;
      for (double[] m : members) {
        double below = 0;
        for (int j = first; j < i; j++) {
          below += m[j] < m[i] ? 1 : m[j] == m[i] ? 0.5 : 0;
        }
        want = Math.max(want, below / (i - first));
      }
      assertEquals(want, s[i], 1e-9, "row " + i);
    }
    // the spike is a new high for some member: a rank near 1
    assertTrue(
        Arrays.stream(s, 1000, 1010).max().orElseThrow() > 0.99,
        "spike ranked " + Arrays.stream(s, 1000, 1010).max().orElseThrow());
  }

  @Test
  void shouldRefuseToReplayADifferentSeries() {
    EnsembleDetector d =
        new EnsembleDetector(EnsembleDetector.Settings.defaults(), View.LSTM, runs);
    d.start(new SeriesInfo("synthetic/sine.csv", LENGTH, PROBATION));
    for (int i = 0; i < PROBATION; i++) {
      d.score(60_000L * i, series[i]);
    }
    assertThrows(
        IllegalStateException.class, () -> d.score(60_000L * PROBATION, series[PROBATION] + 1));
  }

  @Test
  void shouldRequireStartBeforeTheFirstPoint() {
    EnsembleDetector d = new EnsembleDetector(View.ENSEMBLE);
    assertThrows(IllegalStateException.class, () -> d.score(0, 1.0));
  }

  @Test
  void shouldNeverTrainOnAHistoryTooShortForItsWindows() {
    EnsembleDetector d =
        new EnsembleDetector(EnsembleDetector.Settings.defaults(), View.ENSEMBLE, new SeriesRuns());
    d.start(new SeriesInfo("synthetic/short.csv", 200, 30));
    for (int i = 0; i < 200; i++) {
      assertEquals(0.0, d.score(60_000L * i, series[i]));
    }
  }
}
