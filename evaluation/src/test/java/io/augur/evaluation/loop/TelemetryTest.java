package io.augur.evaluation.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.chaos.catalogue.ExperimentType;
import io.augur.chaos.sim.SimulatedFleet;
import io.augur.models.ComponentWindow;
import java.util.List;
import org.junit.jupiter.api.Test;

class TelemetryTest {
  private static final long START = 1_767_571_200_000L; // 2026-01-05T00:00Z
  private static final int MINUTES = 48 * 60;

  private final SimulatedFleet fleet = SimulatedFleet.generate(3, 20, "loop-sim");

  /** Share of minutes the signal sits 0.1 above its own median: time spent strained. */
  private static double strained(Telemetry t, String service, int signal) {
    Telemetry.View v = t.view();
    double[] x = new double[t.minutes()];
    for (int i = 0; i < x.length; i++) {
      x[i] = v.value(service, signal, i);
    }
    double[] sorted = x.clone();
    java.util.Arrays.sort(sorted);
    double median = sorted[sorted.length / 2];
    int n = 0;
    for (double y : x) {
      n += y > median + 0.1 ? 1 : 0;
    }
    return n / (double) x.length;
  }

  @Test
  void shouldLetFragilityShowInItsSignalOnlyWhenPrecursorsAreOn() {
    Telemetry with = new Telemetry(fleet, START, MINUTES, 1.0);
    Telemetry without = new Telemetry(fleet, START, MINUTES, 0.0);
    double weak = 0;
    double robust = 0;
    double weakWithout = 0;
    double robustWithout = 0;
    int nw = 0;
    int nr = 0;
    for (SimulatedFleet.Service s : fleet.services()) {
      for (ExperimentType type : Telemetry.TYPES) {
        int signal = Telemetry.signalOf(type);
        double f = fleet.fragility(s.name(), type.id());
        if (f >= LoopSimulation.WEAK) {
          weak += strained(with, s.name(), signal);
          weakWithout += strained(without, s.name(), signal);
          nw++;
        } else {
          robust += strained(with, s.name(), signal);
          robustWithout += strained(without, s.name(), signal);
          nr++;
        }
      }
    }
    weak /= nw;
    robust /= nr;
    weakWithout /= nw;
    robustWithout /= nr;
    System.out.printf(
        java.util.Locale.ROOT,
        "strained share: weak %.3f robust %.3f; without precursors weak %.3f robust %.3f%n",
        weak,
        robust,
        weakWithout,
        robustWithout);
    assertTrue(weak > 3 * robust, "fragile pairs strain their signal: " + weak + " vs " + robust);
    // without precursors only natural incidents (also fragility-driven, but rare) remain
    assertTrue(weakWithout < weak / 2, weakWithout + " vs " + weak);
  }

  @Test
  void shouldDrawTheSameSignalsAndIncidentsFromTheSameSeed() {
    Telemetry a = new Telemetry(fleet, START, MINUTES, 1.0);
    Telemetry b = new Telemetry(SimulatedFleet.generate(3, 20, "loop-sim"), START, MINUTES, 1.0);
    assertEquals(a.incidents(), b.incidents());
    String svc = fleet.services().get(4).name();
    assertEquals(a.view().value(svc, 1, 777), b.view().value(svc, 1, 777), 0.0);
    Telemetry other = new Telemetry(SimulatedFleet.generate(4, 20, "loop-sim"), START, MINUTES, 1);
    assertNotEquals(a.incidents(), other.incidents());
    assertTrue(a.incidents().size() >= 10, "two days hold incidents: " + a.incidents().size());
    for (Telemetry.Incident i : a.incidents()) {
      assertTrue(i.onsetMinute() + 20 <= i.failureMinute() && i.failureMinute() < i.endMinute());
    }
  }

  @Test
  void shouldShowAnExperimentOnlyInTheRunThatMadeIt() {
    Telemetry t = new Telemetry(fleet, START, MINUTES, 1.0);
    Telemetry.View run = t.view();
    String svc = fleet.services().get(0).name();
    int memory = Telemetry.signalOf(ExperimentType.MEMORY_STRESS);
    double before = run.value(svc, Telemetry.ERRORS, 500);
    run.experiment(svc, ExperimentType.MEMORY_STRESS, 499, 501, true);
    assertEquals(before + 0.5, run.value(svc, Telemetry.ERRORS, 500), 1e-12);
    assertEquals(t.view().value(svc, memory, 500) + 0.4, run.value(svc, memory, 500), 1e-12);
    assertEquals(before, t.view().value(svc, Telemetry.ERRORS, 500), 0.0, "other runs unaffected");
    ComponentWindow w = run.window(svc, 500);
    assertEquals(Telemetry.WINDOW, w.size());
    assertEquals(Telemetry.SCHEMA.size(), w.latest().values().length);
    assertEquals("loop-sim", w.labels().get("namespace"));
    assertEquals(Integer.toString(fleet.services().get(0).replicas()), w.labels().get("replicas"));
  }

  @Test
  void shouldMapEachSimulatedTypeToTheModeThatPlansIt() {
    for (ExperimentType t : Telemetry.TYPES) {
      assertEquals(t, ExperimentType.forFailureMode(Telemetry.modeOf(t).id()), t.id());
    }
    assertThrows(IllegalArgumentException.class, () -> Telemetry.signalOf(ExperimentType.POD_KILL));
    assertThrows(IllegalArgumentException.class, () -> new Telemetry(fleet, START, MINUTES, -1));
    assertEquals(List.of("cpu", "memory", "disk", "latency", "errors", "pool"), Telemetry.SIGNALS);
  }
}
