package io.augur.models.inject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.domain.FeatureSchema;
import io.augur.domain.FeatureVector;
import io.augur.models.LabelledWindow;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultInjectorTest {

  private static final FeatureSchema SCHEMA = SyntheticHistory.schema(6);
  private static final List<FeatureVector> NORMAL =
      new SyntheticHistory(SCHEMA, 3).series(0, 120, 0, 15_000);

  @Test
  void shouldInjectTheSameFaultsForTheSameSeed() {
    for (FaultKind k : FaultKind.values()) {
      Injection a = new FaultInjector(9).inject(NORMAL, k, 60);
      Injection b = new FaultInjector(9).inject(NORMAL, k, 60);
      assertEquals(a, b, k.name());
      assertNotEquals(a.vectors(), new FaultInjector(10).inject(NORMAL, k, 60).vectors(), k.name());
    }
  }

  @Test
  void shouldChangeOnlyTheChosenFeaturesFromTheOnset() {
    for (FaultKind k : FaultKind.values()) {
      Injection inj = new FaultInjector(4).inject(NORMAL, k, 60);
      assertEquals(NORMAL.subList(0, 60), inj.vectors().subList(0, 60), k + " before the onset");
      for (int j = 0; j < SCHEMA.size(); j++) {
        boolean chosen = inj.features().contains(j);
        boolean changed = false;
        for (int i = 60; i < NORMAL.size(); i++) {
          changed |= NORMAL.get(i).valueAt(j) != inj.vectors().get(i).valueAt(j);
        }
        assertEquals(chosen, changed, k + " feature " + j);
      }
    }
  }

  @Test
  void shouldShapeEachKindAsNamed() {
    Injection flat = new FaultInjector(1).inject(NORMAL, FaultKind.FLAT_LINE, 60);
    int j = flat.features().get(0);
    assertTrue(
        flat.vectors().subList(60, 120).stream()
            .allMatch(v -> v.valueAt(j) == flat.vectors().get(60).valueAt(j)));
    Injection drop = new FaultInjector(1).inject(NORMAL, FaultKind.DROPOUT, 60);
    int k = drop.features().get(0);
    assertTrue(drop.vectors().subList(60, 120).stream().allMatch(v -> v.valueAt(k) == 0.0));
    Injection trend = new FaultInjector(1).inject(NORMAL, FaultKind.TREND, 60);
    int t = trend.features().get(0);
    double early = trend.vectors().get(61).valueAt(t) - NORMAL.get(61).valueAt(t);
    double late = trend.vectors().get(119).valueAt(t) - NORMAL.get(119).valueAt(t);
    assertTrue(Math.abs(late) > 20 * Math.abs(early), "a trend grows: " + early + " then " + late);
  }

  /** Population standard deviation of feature {@code j} over [from, to) of {@code vs}. */
  private static double sd(List<FeatureVector> vs, int j, int from, int to) {
    double m = 0;
    for (int i = from; i < to; i++) {
      m += vs.get(i).valueAt(j);
    }
    m /= to - from;
    double s = 0;
    for (int i = from; i < to; i++) {
      s += Math.pow(vs.get(i).valueAt(j) - m, 2);
    }
    return Math.sqrt(s / (to - from));
  }

  @Test
  void shouldSpikeShiftAndWidenAsNamed() {
    Injection spike = new FaultInjector(1).inject(NORMAL, FaultKind.SPIKE, 60);
    int s = spike.features().get(0);
    double before = sd(NORMAL, s, 0, 60);
    assertTrue(
        Math.abs(spike.vectors().get(60).valueAt(s) - NORMAL.get(60).valueAt(s))
            >= 5 * before * 0.9,
        "the onset spikes by 5-8 sd");
    long spiked =
        java.util.stream.IntStream.range(61, 120)
            .filter(i -> spike.vectors().get(i).valueAt(s) != NORMAL.get(i).valueAt(s))
            .count();
    assertTrue(
        spiked > 5 && spiked < 40, "about one step in three spikes after the onset: " + spiked);

    Injection shift = new FaultInjector(1).inject(NORMAL, FaultKind.LEVEL_SHIFT, 60);
    int l = shift.features().get(0);
    double step = shift.vectors().get(60).valueAt(l) - NORMAL.get(60).valueAt(l);
    assertTrue(Math.abs(step) >= 3.5 * sd(NORMAL, l, 0, 60), "a step of 4-6 sd: " + step);
    for (int i = 60; i < 120; i++) {
      assertEquals(
          step,
          shift.vectors().get(i).valueAt(l) - NORMAL.get(i).valueAt(l),
          1e-9,
          "the step holds");
    }

    Injection wide = new FaultInjector(1).inject(NORMAL, FaultKind.VARIANCE_CHANGE, 60);
    int w = wide.features().get(0);
    assertTrue(
        sd(wide.vectors(), w, 61, 120) >= 3 * sd(NORMAL, w, 61, 120),
        "deviations amplified 4-6 times");
  }

  @Test
  void shouldLabelWindowsByHowMuchOfTheFaultTheyHold() {
    Injection inj = new FaultInjector(2).inject(NORMAL, FaultKind.LEVEL_SHIFT, 60);
    List<LabelledWindow> ws = FaultInjector.labelledWindows(inj, 8, 1, 16, 4);
    for (LabelledWindow w : ws) {
      long end = w.window().timestampMs() / 15_000;
      if (end < 60) {
        assertTrue(!w.failing(), "window ending at " + end);
      } else {
        assertTrue(w.failing() && end >= 63 && end <= 76, "window ending at " + end);
        assertEquals(76 * 15_000L, w.failureTimeMs());
      }
    }
    assertEquals(14, ws.stream().filter(LabelledWindow::failing).count());
  }

  @Test
  void shouldRefuseAnOnsetOutsideTheSeries() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new FaultInjector(1).inject(NORMAL, FaultKind.SPIKE, 500));
    assertTrue(e.getMessage().contains("onsetIndex"));
  }
}
