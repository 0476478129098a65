package io.augur.evaluation.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AnomalyLikelihoodTest {

  private static double[] run(StreamingDetector d, double[] values, int probation) {
    d.start(new SeriesInfo("s", values.length, probation));
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = d.score(i * 60_000L, values[i]);
    }
    return out;
  }

  @Test
  void shouldScaleAndFilterAsNuPicDoes() {
    assertEquals(Math.log(0.5 + 1e-10) / Math.log(1e-10), AnomalyLikelihood.logScale(0.5), 1e-12);
    assertEquals(
        0.5, AnomalyLikelihood.logScale(1 - 1e-5), 1e-4, "tail probability 1e-5 scores one half");
    assertEquals(1.0, AnomalyLikelihood.logScale(1.0), 1e-8);
    assertEquals(0.5, AnomalyLikelihood.tail(0.2, 0.2, 0.1), 1e-12);
    // one standard deviation times sqrt(2) above the mean: erfc(1) / 2
    assertEquals(0.0786496, AnomalyLikelihood.tail(0.2 + 0.1 * 1.4142, 0.2, 0.1), 1e-6);
    assertEquals(
        AnomalyLikelihood.tail(0.35, 0.2, 0.1),
        AnomalyLikelihood.tail(0.05, 0.2, 0.1),
        1e-15,
        "below the mean mirrors above it");
    assertEquals(1e-6, AnomalyLikelihood.filtered(1e-6, 0.2), 0, "a first red passes");
    assertEquals(
        1e-3, AnomalyLikelihood.filtered(1e-6, 1e-7), 0, "a red after a red counts as yellow");
  }

  @Test
  void shouldAlarmOnARunOfHighScoresButNotOnNoise() {
    SplittableRandom random = new SplittableRandom(7);
    int n = 1500;
    double[] scores = new double[n];
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      scores[i] = i < 300 ? 0 : 0.1 + 0.2 * random.nextDouble();
      values[i] = 100 + random.nextGaussian();
    }
    for (int i = 1200; i < 1230; i++) {
      scores[i] = 0.9;
    }
    double[] out = run(new AnomalyLikelihood(Replay.of(scores), 750), values, 300);
    for (int i = 0; i < 300; i++) {
      assertEquals(0, out[i], 0, "before the inner detector scores, row " + i + " passes through");
    }
    for (int i = 300; i < 400; i++) {
      assertEquals(
          AnomalyLikelihood.logScale(0.5), out[i], 1e-12, "before the first fit, row " + i);
    }
    double noiseMax = 0;
    for (int i = 400; i < 1200; i++) {
      noiseMax = Math.max(noiseMax, out[i]);
    }
    double runMax = 0;
    for (int i = 1200; i < 1230; i++) {
      runMax = Math.max(runMax, out[i]);
    }
    assertTrue(noiseMax < 0.4, "noise alone reached " + noiseMax);
    assertTrue(runMax >= 0.5, "a run of high scores reached only " + runMax);
  }

  @Test
  void shouldStayQuietWhenTheValuesAreFlat() {
    int n = 800;
    double[] scores = new double[n];
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      scores[i] = i >= 600 ? 1.0 : 0.1;
      values[i] = 5e6; // large and constant: the flat check must not be fooled by rounding
    }
    double[] out = run(new AnomalyLikelihood(Replay.of(scores), 750), values, 0);
    for (int i = 0; i < n; i++) {
      assertTrue(out[i] < 0.05, "row " + i + " of a flat series scored " + out[i]);
    }
  }

  @Test
  void shouldEqualAPlainReimplementationOverMoreThanTheHistoricWindow() {
    SplittableRandom random = new SplittableRandom(11);
    int n = AnomalyLikelihood.HISTORIC_WINDOW + 1500;
    int from = 200;
    double[] scores = new double[n];
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      double drift = i > 5000 ? 0.3 : 0;
      scores[i] =
          Math.min(1, drift + 0.3 * random.nextDouble() + (random.nextDouble() < 0.01 ? 0.6 : 0));
      values[i] = random.nextGaussian();
    }
    double[] got = run(new AnomalyLikelihood(Replay.of(scores), 750), values, from);
    double[] want = plain(scores, values, from);
    for (int i = 0; i < n; i++) {
      assertEquals(want[i], got[i], 1e-9, "row " + i);
    }
  }

  /**
   * NuPIC's steps written out with lists, recomputing everything from scratch: slow and obviously
   * right.
   */
  private static double[] plain(double[] scores, double[] values, int from) {
    double[] out = new double[scores.length];
    List<Double> history = new ArrayList<>();
    List<Double> historyValues = new ArrayList<>();
    double mean = 0;
    double stdev = 0;
    boolean fitted = false;
    double previousP = 1;
    for (int i = 0; i < scores.length; i++) {
      if (i < from) {
        out[i] = scores[i];
        continue;
      }
      int iteration = i - from;
      if (iteration < AnomalyLikelihood.ESTIMATION_SAMPLES) {
        out[i] = AnomalyLikelihood.logScale(0.5);
      } else {
        if (!fitted || iteration % AnomalyLikelihood.REESTIMATION_PERIOD == 0) {
          int first = Math.max(0, history.size() - AnomalyLikelihood.HISTORIC_WINDOW);
          List<Double> averages = new ArrayList<>();
          for (int j = first; j < history.size(); j++) {
            double total = 0;
            int k = Math.max(first, j - AnomalyLikelihood.AVERAGING_WINDOW + 1);
            for (int m = k; m <= j; m++) {
              total += history.get(m);
            }
            averages.add(total / (j - k + 1));
          }
          double m = averages.stream().mapToDouble(x -> x).average().orElseThrow();
          double v = averages.stream().mapToDouble(x -> (x - m) * (x - m)).sum() / averages.size();
          List<Double> kept = historyValues.subList(first, historyValues.size());
          double vm = kept.stream().mapToDouble(x -> x).average().orElseThrow();
          double vv = kept.stream().mapToDouble(x -> (x - vm) * (x - vm)).sum() / kept.size();
          if (vv < 1.5e-5) {
            mean = 0.5;
            stdev = 1e3;
          } else {
            mean = Math.max(m, 0.03);
            stdev = Math.sqrt(Math.max(v, 0.0003));
          }
          fitted = true;
          // NuPIC recomputes the previous likelihood with the new fit
          previousP =
              iteration == 0
                  ? 1
                  : AnomalyLikelihood.tail(average(history, iteration - 1), mean, stdev);
        }
        double average = average(history, iteration, scores[i]);
        double p = AnomalyLikelihood.tail(average, mean, stdev);
        double f = AnomalyLikelihood.filtered(p, previousP);
        previousP = p;
        out[i] = AnomalyLikelihood.logScale(1 - f);
      }
      history.add(scores[i]);
      historyValues.add(values[i]);
    }
    return out;
  }

  /** The average of the last scores up to history index {@code last}. */
  private static double average(List<Double> history, int last) {
    double total = 0;
    int k = Math.max(0, last - AnomalyLikelihood.AVERAGING_WINDOW + 1);
    for (int m = k; m <= last; m++) {
      total += history.get(m);
    }
    return total / (last - k + 1);
  }

  /** The average of the last scores with {@code current} appended at history index {@code at}. */
  private static double average(List<Double> history, int at, double current) {
    double total = current;
    int k = Math.max(0, at - AnomalyLikelihood.AVERAGING_WINDOW + 1);
    for (int m = k; m < at; m++) {
      total += history.get(m);
    }
    return total / (at - k + 1);
  }

  @Test
  void shouldRefuseBadArguments() {
    assertThrows(IllegalArgumentException.class, () -> new AnomalyLikelihood(null, 750));
    assertThrows(
        IllegalArgumentException.class, () -> new AnomalyLikelihood(Replay.of(new double[0]), -1));
  }
}
