package io.augur.evaluation.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HistoryRankTest {

  @Test
  void shouldRankEachScoreAgainstTheEarlierScoresOnly() {
    double[] scores = new double[400];
    Random r = new Random(3);
    for (int i = 0; i < scores.length; i++) {
      scores[i] = r.nextDouble();
    }
    HistoryRank rank = new HistoryRank(Replay.of(scores), 100);
    rank.start(new SeriesInfo("s", scores.length, 50));
    for (int i = 0; i < scores.length; i++) {
      double got = rank.score(i, 0);
      double want;
      if (i < 50) {
        want = 0;
      } else if (i - 50 < HistoryRank.MIN_HISTORY) {
        want = 0.5;
      } else {
        double below = 0;
        for (int j = 50; j < i; j++) {
          below += scores[j] < scores[i] ? 1 : scores[j] == scores[i] ? 0.5 : 0;
        }
        want = below / (i - 50);
      }
      assertEquals(want, got, 1e-12, "row " + i);
    }
  }

  @Test
  void shouldCountTiesHalfSoAFlatScoreIsNotARecord() {
    double[] scores = new double[60];
    java.util.Arrays.fill(scores, 0.7);
    scores[59] = 0.9;
    HistoryRank rank = new HistoryRank(Replay.of(scores), 0);
    rank.start(new SeriesInfo("s", scores.length, 0));
    double last = 0;
    for (int i = 0; i < 59; i++) {
      last = rank.score(i, 0);
    }
    assertEquals(0.5, last, 1e-12, "a score equal to every earlier one");
    assertEquals(1.0, rank.score(59, 0), 1e-12, "a new high");
  }

  @Test
  void shouldStartAtTheEarlierOfProbationAndMaxFrom() {
    double[] scores = new double[30];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = i;
    }
    HistoryRank rank = new HistoryRank(Replay.of(scores), 5);
    rank.start(new SeriesInfo("s", scores.length, 20));
    for (int i = 0; i < 5; i++) {
      assertEquals(0.0, rank.score(i, 0), "row " + i + " is before the inner detector scores");
    }
    for (int i = 5; i < 15; i++) {
      assertEquals(0.5, rank.score(i, 0), "row " + i + " has too little history");
    }
    assertEquals(1.0, rank.score(15, 0), 1e-12, "a rising score is always the highest yet");
  }

  @Test
  void shouldRefuseNoInnerOrNegativeStart() {
    assertThrows(IllegalArgumentException.class, () -> new HistoryRank(null, 5));
    assertThrows(IllegalArgumentException.class, () -> new HistoryRank(Replay.of(), -1));
  }
}
