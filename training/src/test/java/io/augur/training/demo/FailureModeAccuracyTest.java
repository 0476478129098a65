package io.augur.training.demo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.features.FeatureConfig;
import io.augur.fleet.FleetConfig;
import io.augur.models.ComponentWindow;
import io.augur.models.LabelledWindow;
import io.augur.models.ProgressListener;
import io.augur.models.Standardizer;
import io.augur.models.TrainingSet;
import io.augur.models.WindowSummary;
import io.augur.models.ensemble.ModeClassifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The failure-mode classifier and its time-to-failure estimate on demo fleets it never saw, with
 * the demo's own features ({@link DemoTrainingSet}): trained on the failing windows of two fleets
 * (seeds 1000 and 1001, every service failing once: 40 failures), judged on two others (seeds 2000
 * and 2001, 40 failures). Judged: every failing window (the whole warning window, onset to failure,
 * including its barely visible start), and the time to failure over the later half of warning
 * windows (where alerts fire).
 */
@Tag("statistical")
class FailureModeAccuracyTest {

  static final int STEPS = 8;

  /** Stated bar: accuracy over judged windows (chance is 1/6). */
  static final double MIN_ACCURACY = 0.9;

  /** Stated bar: median |predicted - actual| time to failure over judged windows, in minutes. */
  static final double MAX_MEDIAN_ERROR_MIN = 6;

  private static ModeClassifier modes;
  private static ModeClassifier legacy;
  private static Standardizer summary;
  private static List<LabelledWindow> judged;
  private static List<LabelledWindow> later;

  @BeforeAll
  static void train() {
    FeatureConfig cfg = FeatureConfig.demoFleet();
    TrainingSet train = DemoTrainingSet.build(fleets(1000), cfg, STEPS, 4, ProgressListener.NONE);
    List<ComponentWindow> normal = new ArrayList<>();
    train.labelled().stream().filter(l -> !l.failing()).forEach(l -> normal.add(l.window()));
    Collections.shuffle(normal, new java.util.Random(7));
    summary =
        Standardizer.fit(
            WindowSummary.rows(normal.subList(0, Math.min(3000, normal.size())), STEPS));
    modes = ModeClassifier.learn(train.labelled(), summary, STEPS);
    legacy = centroids(train.labelled());
    TrainingSet test = DemoTrainingSet.build(fleets(2000), cfg, STEPS, 4, ProgressListener.NONE);
    judged = test.labelled().stream().filter(LabelledWindow::failing).toList();
    later = judged.stream().filter(l -> secondHalf(l, judged)).toList();
  }

  private static List<FleetConfig> fleets(long base) {
    return List.of(
        FleetConfig.demo(base).withFailures(20), FleetConfig.demo(base + 1).withFailures(20));
  }

  /**
   * In the later half of its warning window: failure time minus window end below half the warning
   * span.
   */
  private static boolean secondHalf(LabelledWindow l, List<LabelledWindow> all) {
    long first =
        all.stream()
            .filter(
                o ->
                    o.failing()
                        && o.window().component().equals(l.window().component())
                        && o.failureTimeMs().equals(l.failureTimeMs()))
            .mapToLong(o -> o.window().timestampMs())
            .min()
            .orElseThrow();
    return l.window().timestampMs() >= first + (l.failureTimeMs() - first) / 2;
  }

  /** The classifier this replaces: nearest centroid (cosine) of the clipped z profile. */
  private static ModeClassifier centroids(List<LabelledWindow> labelled) {
    Map<String, double[]> sums = new TreeMap<>();
    Map<String, Integer> counts = new TreeMap<>();
    for (LabelledWindow l : labelled) {
      if (l.failing() && l.mode() != null) {
        double[] row = WindowSummary.row(l.window(), STEPS);
        double[] s = sums.computeIfAbsent(l.mode().id(), k -> new double[row.length]);
        for (int c = 0; c < row.length; c++) {
          s[c] += Math.max(-20, Math.min(20, summary.z(c, row[c])));
        }
        counts.merge(l.mode().id(), 1, Integer::sum);
      }
    }
    sums.forEach(
        (k, s) -> {
          for (int c = 0; c < s.length; c++) {
            s[c] /= counts.get(k);
          }
        });
    return new ModeClassifier(sums, STEPS);
  }

  private static double accuracy(
      ModeClassifier c, List<LabelledWindow> judged, Map<String, int[]> perMode) {
    int right = 0;
    for (LabelledWindow l : judged) {
      boolean ok = c.classify(WindowSummary.row(l.window(), STEPS), summary).equals(l.mode().id());
      right += ok ? 1 : 0;
      int[] m = perMode.computeIfAbsent(l.mode().id(), k -> new int[2]);
      m[0] += ok ? 1 : 0;
      m[1]++;
    }
    return (double) right / judged.size();
  }

  @Test
  void shouldNameTheRightFailureModeOnFleetsItNeverSaw() {
    Map<String, int[]> perMode = new TreeMap<>();
    double acc = accuracy(modes, judged, perMode);
    double before = accuracy(legacy, judged, new TreeMap<>());
    double late = accuracy(modes, later, new TreeMap<>());
    double lateBefore = accuracy(legacy, later, new TreeMap<>());
    StringBuilder sb = new StringBuilder();
    perMode.forEach((m, c) -> sb.append(String.format(Locale.ROOT, " %s %d/%d", m, c[0], c[1])));
    String msg =
        String.format(
            Locale.ROOT,
            "mode accuracy %.3f over %d failing windows (nearest centroid: %.3f);"
                + " later half of warning windows %.3f (nearest centroid %.3f);%s",
            acc,
            judged.size(),
            before,
            late,
            lateBefore,
            sb);
    System.out.println(msg);
    assertTrue(judged.size() > 500, "too few judged windows: " + judged.size());
    assertTrue(acc >= MIN_ACCURACY, msg);
  }

  @Test
  void shouldEstimateTheTimeToFailureWithinMinutes() {
    List<Double> errors = new ArrayList<>();
    List<Double> naive = new ArrayList<>();
    for (LabelledWindow l : later) {
      double[] row = WindowSummary.row(l.window(), STEPS);
      double actual = (l.failureTimeMs() - l.window().timestampMs()) / 60_000.0;
      Long eta = modes.remainingMs(row, summary, l.mode().id());
      errors.add(eta == null ? Double.POSITIVE_INFINITY : Math.abs(eta / 60_000.0 - actual));
      naive.add(actual); // "failing now"
    }
    Collections.sort(errors);
    Collections.sort(naive);
    double median = errors.get(errors.size() / 2);
    String msg =
        String.format(
            Locale.ROOT,
            "time to failure: median error %.1f min, 90th percentile %.1f min"
                + " (saying \"now\": median %.1f min) over %d windows",
            median,
            errors.get(errors.size() * 9 / 10),
            naive.get(naive.size() / 2),
            errors.size());
    System.out.println(msg);
    assertTrue(median <= MAX_MEDIAN_ERROR_MIN, msg);
  }
}
