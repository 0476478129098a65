package io.augur.evaluation.mts;

import io.augur.evaluation.metrics.SeriesEvaluation;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * For each machine of a dataset and each detector: fits on {@code train/}, scores the test rows in
 * order, writes {@code <out>/<detector>/<machine>.txt} (one score a line, one line per test row),
 * and only then reads the labels to compute every figure. The label-free operating threshold is the
 * {@code calibrationQuantile} of the detector's scores on its own train rows. Progress goes to
 * {@code progress} (stderr from the command).
 */
public final class MtsRunner {
  /** Default quantile of train scores used as the label-free threshold. */
  public static final double DEFAULT_CALIBRATION_QUANTILE = 0.99;

  private final List<MultivariateDetector> detectors;
  private final Path out;
  private final PrintStream progress;
  private final double calibrationQuantile;
  private final int earlyWindow;

  public MtsRunner(
      List<MultivariateDetector> detectors,
      Path out,
      PrintStream progress,
      double calibrationQuantile,
      int earlyWindow) {
    if (detectors == null || detectors.isEmpty()) {
      throw new IllegalArgumentException("detectors must not be empty, got " + detectors);
    }
    if (!(calibrationQuantile > 0.0 && calibrationQuantile <= 1.0)) {
      throw new IllegalArgumentException(
          "calibrationQuantile must be within (0, 1], got " + calibrationQuantile);
    }
    if (earlyWindow < 0) {
      throw new IllegalArgumentException("earlyWindow must be >= 0, got " + earlyWindow);
    }
    this.detectors = List.copyOf(detectors);
    this.out = out;
    this.progress = progress;
    this.calibrationQuantile = calibrationQuantile;
    this.earlyWindow = earlyWindow;
  }

  public MtsRunner(List<MultivariateDetector> detectors, Path out, PrintStream progress) {
    this(
        detectors,
        out,
        progress,
        DEFAULT_CALIBRATION_QUANTILE,
        SeriesEvaluation.DEFAULT_EARLY_WINDOW);
  }

  /** Runs every detector on every machine with data; results in machine, then detector order. */
  public List<MachineResult> run(MtsDatasetReader reader) {
    for (String s : reader.skipped()) {
      progress.println("skipping " + s);
    }
    List<String> machines = reader.machines();
    if (machines.isEmpty()) {
      throw new IllegalArgumentException(
          "dir " + reader.dir() + " has no machine with train, test and labels");
    }
    List<MachineResult> results = new ArrayList<>();
    for (int m = 0; m < machines.size(); m++) {
      MtsMachine machine = reader.read(machines.get(m));
      progress.printf(
          "[%d/%d] %s: %d train rows, %d test rows, %d metrics%n",
          m + 1,
          machines.size(),
          machine.name(),
          machine.train().length,
          machine.test().length,
          machine.metrics());
      for (MultivariateDetector detector : detectors) {
        results.add(run(detector, machine));
      }
    }
    return results;
  }

  MachineResult run(MultivariateDetector detector, MtsMachine machine) {
    String tag = "  " + machine.name() + " " + detector.name();
    long t0 = System.nanoTime();
    MultivariateDetector.Fitted fitted = detector.fit(machine.train());
    double threshold = quantile(scoreAll(fitted, machine.train(), null), calibrationQuantile);
    long fitMillis = (System.nanoTime() - t0) / 1_000_000;
    progress.printf("%s: fitted and calibrated in %.1f s%n", tag, fitMillis / 1000.0);
    long t1 = System.nanoTime();
    double[] scores = scoreAll(fitted, machine.test(), tag + ": scoring");
    long scoreMillis = (System.nanoTime() - t1) / 1_000_000;
    writeScores(out.resolve(detector.name()).resolve(machine.name() + ".txt"), scores);
    SeriesEvaluation evaluation =
        SeriesEvaluation.of(scores, machine.testLabels(), threshold, earlyWindow);
    progress.printf(
        "%s: scored in %.1f s; AUC-PR %.3f, best F1 %.3f%n",
        tag, scoreMillis / 1000.0, evaluation.aucPr(), evaluation.bestF1().f1());
    return new MachineResult(
        detector.name(),
        machine.name(),
        machine.metrics(),
        machine.train().length,
        evaluation,
        threshold,
        fitMillis,
        scoreMillis,
        scores,
        machine.testLabels());
  }

  private double[] scoreAll(MultivariateDetector.Fitted fitted, double[][] rows, String tag) {
    if (tag != null) {
      progress.printf("%s %d rows%n", tag, rows.length);
    }
    double[] scores = fitted.scoreSeries(rows);
    if (scores.length != rows.length) {
      throw new IllegalStateException(
          "detector gave " + scores.length + " scores for " + rows.length + " rows");
    }
    for (int i = 0; i < scores.length; i++) {
      if (!Double.isFinite(scores[i])) {
        throw new IllegalStateException(
            "detector gave a non-finite score " + scores[i] + " at row " + i);
      }
    }
    return scores;
  }

  static double quantile(double[] values, double q) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int index = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  static void writeScores(Path file, double[] scores) {
    try {
      Files.createDirectories(file.getParent());
      try (BufferedWriter w = Files.newBufferedWriter(file)) {
        for (double s : scores) {
          w.write(Double.toString(s));
          w.newLine();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
