package io.augur.evaluation.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PostProcessingTest {

  /** Always scores {@code s}. */
  private static StreamingDetector constant(double s) {
    return (t, v) -> s;
  }

  @Test
  void shouldScoreOneAtANewExtremeBeyondTheToleranceOnly() {
    NewExtremeRule rule = new NewExtremeRule(constant(0.2), 0.1, 4);
    rule.start(new SeriesInfo("s", 10, 8));
    double[] values = {0, 10, 5, 11.5, 10.5, 12, 13.1, 14.9, -1.6, -1.2};
    double[] want = {0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 1.0, 1.0, 0.2};
    for (int i = 0; i < values.length; i++) {
      assertEquals(want[i], rule.score(i, values[i]), 1e-12, "row " + i + " value " + values[i]);
    }
  }

  @Test
  void shouldRoundTripNamesAndRefuseUnknownSteps() {
    List<PostProcessing> grid =
        PostProcessing.grid(
            List.of(false, true), List.of(false, true), List.of(0.0, 0.1), List.of(0, 100));
    assertEquals(16, grid.size());
    for (PostProcessing p : grid) {
      assertEquals(p, PostProcessing.parse(p.name()), p.name());
    }
    assertEquals("rank+extreme-0.1+suppress-100", new PostProcessing(true, false, 0.1, 100).name());
    assertEquals("likelihood+suppress-25", new PostProcessing(false, true, 0, 25).name());
    assertEquals("none", PostProcessing.none().name());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PostProcessing.parse("rank+smooth-3"));
    assertTrue(e.getMessage().contains("smooth-3"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> PostProcessing.parse("suppress-x"));
    assertThrows(IllegalArgumentException.class, () -> new PostProcessing(false, false, -1, 0));
  }

  @Test
  void shouldRankThenFlagExtremesThenSuppressInThatOrder() {
    double[] raw = new double[40];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = i % 5; // a repeating pattern: its ranks stay below 1
    }
    int[] next = {0};
    StreamingDetector replay = (t, v) -> raw[next[0]++];
    StreamingDetector d = PostProcessing.parse("rank+extreme-0.5+suppress-3").wrap(replay);
    d.start(new SeriesInfo("s", raw.length, 0));
    double[] out = new double[raw.length];
    for (int i = 0; i < raw.length; i++) {
      out[i] = d.score(i, i == 30 ? 1000 : raw[i]);
    }
    assertEquals(1.0, out[30], "a new extreme value scores 1 even where the rank is low");
    assertTrue(out[31] < 0.5, "the row after an alarm is halved by suppression, got " + out[31]);
  }
}
