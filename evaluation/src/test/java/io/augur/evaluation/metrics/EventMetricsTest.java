package io.augur.evaluation.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EventMetricsTest {
  private static final double EPS = 1e-12;

  private static boolean[] flags(int... bits) {
    boolean[] b = new boolean[bits.length];
    for (int i = 0; i < bits.length; i++) {
      b[i] = bits[i] == 1;
    }
    return b;
  }

  @Test
  void shouldFindEachRunOfLabelsAsOneSegment() {
    assertEquals(
        List.of(new Segment(1, 4), new Segment(6, 8), new Segment(9, 10)),
        Segment.runsOf(flags(0, 1, 1, 1, 0, 0, 1, 1, 0, 1)));
  }

  @Test
  void shouldCountAnEventDetectedWhenOneAlarmFallsInsideIt() {
    boolean[] labels = flags(0, 1, 1, 1, 0, 0, 1, 1, 0, 0);
    boolean[] alarms = flags(0, 0, 1, 0, 1, 1, 0, 0, 0, 1);
    EventMetrics m = EventMetrics.of(labels, alarms);
    assertEquals(new EventMetrics(2, 1, 3, 1), m);
    assertEquals(1.0 / 3.0, m.precision(), EPS);
    assertEquals(0.5, m.recall(), EPS);
    assertEquals(0.4, m.f1(), EPS);
  }

  @Test
  void shouldMeasureLeadTimeFromTheFirstAlarmInsideTheEarlyWindow() {
    boolean[] labels = flags(0, 0, 0, 1, 1, 0, 0, 0, 1, 1);
    boolean[] alarms = flags(0, 1, 0, 0, 0, 0, 0, 0, 0, 1);
    LeadTimes early = LeadTimes.of(labels, alarms, 2);
    assertArrayEquals(new double[] {2, -1}, early.leads(), EPS);
    assertEquals(0.5, early.mean(), EPS);
    assertEquals(0.5, early.median(), EPS);
    LeadTimes strict = LeadTimes.of(labels, alarms, 0);
    assertEquals(1, strict.detected());
    assertArrayEquals(new double[] {-1}, strict.leads(), EPS);
  }

  @Test
  void shouldNotCreditAnAlarmInsideThePreviousEventToTheNextOne() {
    boolean[] labels = flags(1, 1, 0, 1, 1);
    boolean[] alarms = flags(0, 1, 0, 0, 0);
    LeadTimes leads = LeadTimes.of(labels, alarms, 5);
    assertEquals(2, leads.events());
    assertArrayEquals(new double[] {-1}, leads.leads(), EPS);
    assertTrue(Double.isNaN(LeadTimes.of(labels, new boolean[5], 5).mean()));
  }

  @Test
  void shouldEvaluateAWholeSeriesAtTheBestAndTheCalibratedThreshold() {
    double[] scores = {0, 0.9, 0, 0, 0.5, 0, 0, 0.2, 0, 0};
    boolean[] labels = flags(0, 1, 1, 1, 0, 0, 1, 1, 0, 0);
    SeriesEvaluation e = SeriesEvaluation.of(scores, labels, 0.5, 0);
    assertEquals(10, e.rows());
    assertEquals(5, e.anomalousRows());
    assertEquals(new Confusion(1, 1, 4, 4), e.calibrated().confusion());
    assertEquals(new EventMetrics(2, 1, 2, 1), e.eventsAtCalibrated());
    assertEquals(2.0 / 3.0, e.bestF1().f1(), EPS);
    assertEquals(10.0 / 11.0, e.pointAdjustedF1ForPapersOnly().f1(), EPS);
  }
}
