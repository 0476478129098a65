package io.augur.evaluation.univariate;

import io.augur.models.ProgressListener;
import io.augur.models.TrainingSet;
import io.augur.models.ensemble.Ensemble;
import io.augur.models.ensemble.EnsembleTrainer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Shares one series' trained ensemble, and the scores it gave, between the detectors that view it:
 * the ensemble and each of its members alone are separate NAB detectors, but they must score the
 * same trained ensemble (not four differently trained ones), and once one of them has streamed the
 * whole series, the others replay its scores instead of scoring every window again. Keyed by series
 * name, settings and the training values themselves, so a different history never gets another's
 * ensemble; a replay checks every value against the one recorded. Keeps the last {@link #CAPACITY}
 * series. Thread-safe; a series being trained is awaited, not trained twice.
 */
public final class SeriesRuns {

  /** Series kept. */
  public static final int CAPACITY = 128;

  private static final SeriesRuns SHARED = new SeriesRuns();

  private record Key(
      String series, EnsembleDetector.Settings settings, int length, int valuesHash) {}

  /**
   * One series' ensemble and the scores of every view, filled by the first detector to stream the
   * series. {@link #complete()} once all {@code length} rows are in; only then do others replay it.
   */
  public static final class Run {
    private final Ensemble ensemble;
    private final double[] values;
    private final double[][] scores;
    private volatile boolean complete;

    Run(Ensemble ensemble, int length, int views) {
      this.ensemble = ensemble;
      this.values = new double[length];
      this.scores = new double[views][length];
    }

    public Ensemble ensemble() {
      return ensemble;
    }

    public boolean complete() {
      return complete;
    }

    void record(int row, double value, double[] viewScores) {
      if (row < values.length) {
        values[row] = value;
        for (int v = 0; v < viewScores.length; v++) {
          scores[v][row] = viewScores[v];
        }
      }
    }

    void finish() {
      complete = true;
    }

    /**
     * Every view's recorded score at {@code row}; fails if the value differs from the one recorded.
     */
    double[] replay(int row, double value) {
      if (row >= values.length || Double.compare(values[row], value) != 0) {
        throw new IllegalStateException(
            "replay of row "
                + row
                + " got value "
                + value
                + ", recorded "
                + (row < values.length ? values[row] : "nothing"));
      }
      double[] out = new double[scores.length];
      for (int v = 0; v < out.length; v++) {
        out[v] = scores[v][row];
      }
      return out;
    }
  }

  private final Map<Key, CompletableFuture<Run>> cache =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, CompletableFuture<Run>> eldest) {
          return size() > CAPACITY;
        }
      };

  /** The process-wide instance the registered detectors share. */
  public static SeriesRuns shared() {
    return SHARED;
  }

  /**
   * The run of {@code series} trained on {@code clean}, training the ensemble now if no detector
   * has yet.
   */
  public Run get(
      String series, EnsembleDetector.Settings settings, double[] clean, int length, int views) {
    Key key = new Key(series, settings, length, Arrays.hashCode(clean));
    CompletableFuture<Run> future;
    boolean mine = false;
    synchronized (cache) {
      future = cache.get(key);
      if (future == null) {
        future = new CompletableFuture<>();
        cache.put(key, future);
        mine = true;
      }
    }
    if (mine) {
      try {
        future.complete(new Run(train(settings, clean), length, views));
      } catch (RuntimeException | Error e) {
        future.completeExceptionally(e);
        synchronized (cache) {
          cache.remove(key);
        }
        throw e;
      }
    }
    return future.join();
  }

  /** Trains an ensemble on one history (no sharing). */
  public static Ensemble train(EnsembleDetector.Settings s, double[] clean) {
    TrainingSet set =
        UnivariateTrainingSet.build(
            clean, s.copies(), s.steps(), s.horizon(), s.stride(), s.seed(), s.rawValue());
    return new EnsembleTrainer(s.trainer()).train(set, s.seed(), ProgressListener.NONE);
  }
}
