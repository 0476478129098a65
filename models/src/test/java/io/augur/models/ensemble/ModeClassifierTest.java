package io.augur.models.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.domain.FeatureSchema;
import io.augur.domain.FeatureVector;
import io.augur.fleet.FailureMode;
import io.augur.models.ComponentWindow;
import io.augur.models.Json;
import io.augur.models.LabelledWindow;
import io.augur.models.Standardizer;
import io.augur.models.WindowSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three metrics of two features each; each failure mode pushes its own metric, one way, further the
 * closer the failure: memory up, CPU up, disk down (a shrinking free-space figure).
 */
class ModeClassifierTest {

  static final FeatureSchema SCHEMA =
      new FeatureSchema(
          "modes",
          1,
          List.of("mem:last", "mem:mean", "cpu:last", "cpu:mean", "disk:last", "disk:mean"));
  static final long STEP = 15_000;
  private static Standardizer normal;
  private static ModeClassifier modes;

  /**
   * A window whose metric {@code metric} sits {@code shift} normal deviations off (sign =
   * direction).
   */
  static ComponentWindow window(SplittableRandom r, int metric, double shift, long t0) {
    List<FeatureVector> vs = new ArrayList<>();
    for (int s = 0; s < 8; s++) {
      double[] v = new double[SCHEMA.size()];
      for (int j = 0; j < v.length; j++) {
        v[j] = 50 + r.nextGaussian() + (metric >= 0 && j / 2 == metric ? shift : 0);
      }
      vs.add(new FeatureVector("svc/" + t0, Map.of(), t0 + s * STEP, SCHEMA, v));
    }
    return ComponentWindow.of(vs);
  }

  static LabelledWindow failing(SplittableRandom r, FailureMode m, double progress, long t0) {
    int metric = m == FailureMode.MEMORY_LEAK ? 0 : m == FailureMode.CPU_SATURATION ? 1 : 2;
    double shift = (m == FailureMode.DISK_FILL ? -1 : 1) * (3 + 20 * progress);
    long end = t0 + 7 * STEP;
    return LabelledWindow.failing(
        window(r, metric, shift, t0), m, end + (long) ((1 - progress) * 30 * 60_000));
  }

  static final List<FailureMode> MODES =
      List.of(FailureMode.MEMORY_LEAK, FailureMode.CPU_SATURATION, FailureMode.DISK_FILL);

  @BeforeAll
  static void learn() {
    SplittableRandom r = new SplittableRandom(3);
    List<ComponentWindow> quiet = new ArrayList<>();
    List<LabelledWindow> labelled = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      ComponentWindow w = window(r, -1, 0, i * 1_000_000L);
      quiet.add(w);
      labelled.add(LabelledWindow.normal(w));
    }
    for (int i = 0; i < 300; i++) {
      labelled.add(failing(r, MODES.get(i % 3), r.nextDouble(), 500_000_000L + i * 1_000_000L));
    }
    normal = Standardizer.fit(WindowSummary.rows(quiet, 8));
    modes = ModeClassifier.learn(labelled, normal, 8);
  }

  @Test
  void shouldNameTheModeByWhichMetricDeviatesAndWhichWay() {
    SplittableRandom r = new SplittableRandom(99);
    int right = 0;
    for (int i = 0; i < 90; i++) {
      LabelledWindow l = failing(r, MODES.get(i % 3), r.nextDouble(), i * 1_000_000L);
      right +=
          modes.classify(WindowSummary.row(l.window(), 8), normal).equals(l.mode().id()) ? 1 : 0;
    }
    assertTrue(right >= 85, right + " of 90 named right");
  }

  @Test
  void shouldSayUnknownWhenNothingDeviates() {
    List<FeatureVector> vs = new ArrayList<>();
    for (int s = 0; s < 8; s++) {
      double[] v = new double[SCHEMA.size()];
      java.util.Arrays.fill(v, 50 + (s % 2 == 0 ? 0.9 : -0.9)); // normal level, normal spread
      vs.add(new FeatureVector("svc/q", Map.of(), s * STEP, SCHEMA, v));
    }
    assertEquals("unknown", modes.classify(WindowSummary.row(ComponentWindow.of(vs), 8), normal));
  }

  @Test
  void shouldEstimateLessTimeLeftTheFurtherTheMetricHasMoved() {
    SplittableRandom r = new SplittableRandom(11);
    double totalError = 0;
    for (int i = 0; i < 30; i++) {
      double progress = (i + 0.5) / 30;
      LabelledWindow l = failing(r, FailureMode.MEMORY_LEAK, progress, i * 1_000_000L);
      Long eta = modes.remainingMs(WindowSummary.row(l.window(), 8), normal, "memory-leak");
      assertNotNull(eta);
      totalError += Math.abs(eta - (l.failureTimeMs() - l.window().timestampMs())) / 60_000.0;
    }
    assertTrue(totalError / 30 < 5, "mean error " + totalError / 30 + " min on a 30-min ramp");
    assertNull(modes.remainingMs(WindowSummary.row(window(r, 0, 10, 0), 8), normal, "unknown"));
  }

  @Test
  void shouldKeepClassifyingByCentroidsInBundlesWrittenBeforeTheModel() throws Exception {
    String legacy =
        "{\"centroids\":{\"disk-fill\":[0,0,0,0,-5,-5,0,0,0,0,0,0,0,0,0,0,0,0],"
            + "\"memory-leak\":[5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]},\"windowSteps\":8}";
    ModeClassifier old = Json.MAPPER.readValue(legacy, ModeClassifier.class);
    SplittableRandom r = new SplittableRandom(1);
    assertEquals("memory-leak", old.classify(WindowSummary.row(window(r, 0, 8, 0), 8), normal));
    assertEquals("disk-fill", old.classify(WindowSummary.row(window(r, 2, -8, 0), 8), normal));
    assertNull(old.remainingMs(WindowSummary.row(window(r, 0, 8, 0), 8), normal, "memory-leak"));
  }

  @Test
  void shouldRoundTripThroughTheBundleJson() throws Exception {
    ModeClassifier back =
        Json.MAPPER.readValue(Json.MAPPER.writeValueAsBytes(modes), ModeClassifier.class);
    double[] row = WindowSummary.row(window(new SplittableRandom(2), 1, 12, 0), 8);
    assertEquals(modes.classify(row, normal), back.classify(row, normal));
    assertEquals(
        modes.remainingMs(row, normal, "cpu-saturation"),
        back.remainingMs(row, normal, "cpu-saturation"));
  }
}
