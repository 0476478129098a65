package io.augur.evaluation.mts;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/**
 * Trains the ensemble once per machine for all the {@link EnsembleMtsDetector} views that share
 * this object: the last train rows seen (by identity, as the runner passes one machine's rows to
 * every detector in turn) and their trained ensemble are kept; other rows train afresh.
 */
public final class EnsembleFits {
  private final EnsembleMtsDetector.Settings settings;
  private double[][] lastTrain;
  private TrainedEnsemble last;

  public EnsembleFits(EnsembleMtsDetector.Settings settings) {
    if (settings == null) {
      throw new IllegalArgumentException("settings must not be null");
    }
    this.settings = settings;
  }

  public EnsembleMtsDetector.Settings settings() {
    return settings;
  }

  synchronized TrainedEnsemble fit(double[][] train) {
    if (train != lastTrain) {
      last = null; // let the previous machine's ensemble go before training the next
      last =
          onOneThread(
              () ->
                  TrainedEnsemble.train(
                      train,
                      settings.trainer(),
                      settings.chunks(),
                      settings.seed(),
                      settings.spread()));
      lastTrain = train;
    }
    return last;
  }

  /**
   * Runs {@code task} in a fork-join pool of one thread. Smile's isolation forest grows its trees
   * in a parallel stream, each thread drawing from its own generator, so only the caller's thread
   * is seeded and results vary from run to run; in a pool of one thread every tree is grown on the
   * seeded thread, in the same order (a test trains twice and compares every score).
   */
  static <T> T onOneThread(Callable<T> task) {
    // at most one thread, whatever the pool's policy for compensating blocked joins
    ForkJoinPool pool =
        new ForkJoinPool(
            1,
            ForkJoinPool.defaultForkJoinWorkerThreadFactory,
            null,
            false,
            1,
            1,
            1,
            saturated -> true,
            30,
            TimeUnit.SECONDS);
    try {
      return pool.submit(task).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while training the ensemble", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(
          "training the ensemble failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdown();
    }
  }
}
