package io.augur.evaluation.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IntervalTest {
  @Test
  void shouldGiveTheStudentTIntervalOfTheMean() {
    // mean 3, sample sd sqrt(2.5), t(0.975, 4) = 2.776: half-width 2.776 * 1.5811 / sqrt(5)
    Interval i = Interval.of(new double[] {1, 2, 3, 4, 5});
    double half = 2.776 * Math.sqrt(2.5) / Math.sqrt(5);
    assertEquals(3.0, i.mean(), 1e-12);
    assertEquals(3.0 - half, i.low(), 1e-9);
    assertEquals(3.0 + half, i.high(), 1e-9);
    assertEquals(5, i.n());
    assertEquals("3.000 [1.037, 4.963]", i.format(3));
  }

  @Test
  void shouldLeaveOutFiguresThatDoNotExistAndSayWhenNoneDo() {
    Interval i = Interval.of(new double[] {2, Double.NaN, 4});
    assertEquals(2, i.n());
    assertEquals(3.0, i.mean(), 1e-12);
    assertEquals(12.706 * Math.sqrt(2) / Math.sqrt(2), i.high() - 3.0, 1e-9);
    assertEquals("n/a", Interval.of(new double[] {Double.NaN}).format(2));
    Interval one = Interval.of(new double[] {0.4});
    assertEquals(Double.NEGATIVE_INFINITY, one.low());
    assertFalse(one.excludesZero(), "one seed says nothing about an interval");
  }

  @Test
  void shouldTellOverlapAndZero() {
    Interval a = new Interval(1, 0.5, 1.5, 5);
    Interval b = new Interval(2, 1.6, 2.4, 5);
    Interval c = new Interval(1.4, 1.2, 1.7, 5);
    assertFalse(a.overlaps(b));
    assertTrue(a.overlaps(c));
    assertTrue(c.overlaps(b));
    assertTrue(a.excludesZero());
    assertFalse(new Interval(0.1, -0.1, 0.3, 5).excludesZero());
    assertTrue(new Interval(-1, -2, -0.5, 5).excludesZero());
  }

  @Test
  void shouldUseTheTabulatedQuantiles() {
    assertEquals(2.093, Interval.t975(19), 1e-12); // 20 seeds
    assertEquals(1.960, Interval.t975(1000), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> Interval.t975(0));
  }
}
