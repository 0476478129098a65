package io.augur.evaluation.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FoldsTest {

  @Test
  void shouldPutASeriesInTheSameFoldEveryTime() {
    // CRC-32 of the name, so fixed across runs and JVMs
    assertEquals(0, Folds.of("synthA/spike.csv"));
    assertEquals(1, Folds.of("synthB/quiet.csv"));
  }

  @Test
  void shouldGiveEachFoldTheInnerDetectorChosenForIt() {
    List<Integer> folds = new ArrayList<>();
    PerFoldDetector d =
        new PerFoldDetector(
            fold -> {
              folds.add(fold);
              return (t, v) -> fold;
            });
    d.start(new SeriesInfo("synthB/quiet.csv", 10, 1));
    assertEquals(1.0, d.score(0, 5.0));
    d.start(new SeriesInfo("synthA/spike.csv", 10, 1));
    assertEquals(0.0, d.score(0, 5.0));
    assertEquals(List.of(1, 0), folds);
  }

  @Test
  void shouldRefuseToScoreBeforeKnowingTheSeries() {
    PerFoldDetector d = new PerFoldDetector(fold -> (t, v) -> 0.0);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> d.score(0, 1.0));
    assertTrue(e.getMessage().contains("start"), e.getMessage());
  }
}
