package io.augur.evaluation.nab;

import io.augur.evaluation.detect.SeriesInfo;
import io.augur.evaluation.detect.StreamingDetector;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Runs a streaming detector over every file of a corpus, files in parallel, each file in order with
 * a fresh detector, and (optionally) writes NAB's result layout {@code
 * <out>/<detector>/<category>/<detector>_<file>.csv}. Scores are rounded to 12 significant digits,
 * the precision of NAB's own result files, so that scoring them in memory and from the written
 * files gives the same figures.
 */
public final class NabRunner {

  private final int threads;
  private final PrintStream progress;
  private final LongSupplier nanoClock;

  /**
   * @param threads files scored at once (>= 1)
   * @param progress where the progress line goes (stderr), or null for none
   */
  public NabRunner(int threads, PrintStream progress) {
    this(threads, progress, System::nanoTime);
  }

  /** As {@link #NabRunner(int, PrintStream)} with the clock that times runs and rates injected. */
  public NabRunner(int threads, PrintStream progress, LongSupplier nanoClock) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    if (nanoClock == null) {
      throw new IllegalArgumentException("nanoClock must not be null");
    }
    this.threads = threads;
    this.progress = progress;
    this.nanoClock = nanoClock;
  }

  /** A detector's scores together with the wall time the run took. */
  public record Run(DetectorScores scores, double seconds, int rows) {
    public double rowsPerSecond() {
      return rows / Math.max(1e-9, seconds);
    }
  }

  /**
   * Scores every file of {@code corpus} with detectors from {@code factory}; writes results when
   * out != null.
   */
  public Run run(String detector, Supplier<StreamingDetector> factory, NabCorpus corpus, Path out) {
    ProgressDisplay display =
        new ProgressDisplay(progress, nanoClock, detector, corpus.files().size());
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "nab-" + detector);
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<double[]>> futures = new ArrayList<>();
      for (NabDataFile file : corpus.files()) {
        futures.add(
            pool.submit(
                () -> {
                  double[] scores = scoreFile(detector, factory.get(), file);
                  if (out != null) {
                    NabResultFiles.write(out, detector, file, scores);
                  }
                  display.fileDone(file.rows());
                  return scores;
                }));
      }
      Map<String, double[]> byFile = new LinkedHashMap<>();
      for (int i = 0; i < futures.size(); i++) {
        byFile.put(corpus.files().get(i).relativePath(), futures.get(i).get());
      }
      return new Run(
          new DetectorScores(detector, byFile), display.elapsedSeconds(), corpus.rowCount());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + detector, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(detector + " failed: " + cause, cause);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Streams one file through a fresh detector: no look-ahead, one point at a time. */
  public static double[] scoreFile(String detector, StreamingDetector d, NabDataFile file) {
    d.start(new SeriesInfo(file.relativePath(), file.rows(), file.detectorProbationaryLength()));
    double[] scores = new double[file.rows()];
    for (int i = 0; i < scores.length; i++) {
      double s = d.score(file.epochMillis()[i], file.values()[i]);
      if (!(s >= 0.0 && s <= 1.0)) {
        throw new IllegalStateException(
            detector
                + " returned score "
                + s
                + " outside [0, 1] at row "
                + i
                + " of "
                + file.relativePath());
      }
      scores[i] = NabResultFiles.roundToNabPrecision(s);
    }
    return scores;
  }
}
