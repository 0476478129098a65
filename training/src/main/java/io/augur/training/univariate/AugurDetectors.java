package io.augur.training.univariate;

import io.augur.training.detect.DetectorRegistry;
import io.augur.training.detect.EventSuppression;
import io.augur.training.detect.PerFoldDetector;
import io.augur.training.detect.StreamingDetector;
import io.augur.training.univariate.EnsembleDetector.View;

/**
 * Registers Augur's ensemble and each of its members alone as NAB detectors:
 *
 * <ul>
 *   <li>{@code augur-raw}, {@code augur-iforest-raw}, {@code augur-lstm-raw}, {@code augur-rforest-raw}: the
 *       calibrated probabilities ({@link EnsembleDetector}), no post-processing;
 *   <li>{@code augur-sf-raw}, ...: the same with scale-free features only ({@code Settings.scaleFree()});
 *   <li>{@code augur}, {@code augur-iforest}, {@code augur-lstm}, {@code augur-rforest}: one of the two feature
 *       sets with one alert per event ({@link EventSuppression}, factor 0.5), both <em>cross-fitted</em>: the
 *       feature set and the memory (none, 25, 50, 100, 200, 400, 800 or 1600 points) are chosen on the NAB files
 *       of one fold ({@code Folds}) and used on the other fold's files ({@code NabCrossFitCommand}, figures in
 *       docs/benchmarks/nab.md).
 * </ul>
 */
public final class AugurDetectors {

  /** Suppression memory per fold (0: none), per view, as the cross-fit chose them; see the class comment. */
  static final int[][] MEMORY_BY_VIEW_AND_FOLD = {
    {1600, 1600}, // ENSEMBLE
    {400, 400}, // ISOLATION_FOREST
    {1600, 1600}, // LSTM
    {400, 400}, // RANDOM_FOREST
  };

  /** Per view and fold, whether the features carry the raw value (else scale-free only), as the cross-fit chose. */
  static final boolean[][] RAW_VALUE_BY_VIEW_AND_FOLD = {
    {true, true}, // ENSEMBLE
    {true, true}, // ISOLATION_FOREST
    {true, true}, // LSTM
    {false, false}, // RANDOM_FOREST
  };

  private static final String[] NAMES = {"augur", "augur-iforest", "augur-lstm", "augur-rforest"};

  private AugurDetectors() {}

  /** {@code registry} with the eight detectors above. */
  public static DetectorRegistry register(DetectorRegistry registry) {
    DetectorRegistry r = registry;
    for (View v : View.values()) {
      r = r.register(NAMES[v.ordinal()] + "-raw", () -> new EnsembleDetector(v));
    }
    for (View v : View.values()) {
      r = r.register(NAMES[v.ordinal()] + "-sf-raw", () -> new EnsembleDetector(EnsembleDetector.Settings.scaleFree(), v));
    }
    for (View v : View.values()) {
      r = r.register(NAMES[v.ordinal()], () -> crossFitted(v));
    }
    return r;
  }

  /** The detector name of {@code view}'s cross-fitted detector ({@code augur}, {@code augur-iforest}, ...). */
  public static String name(View view) {
    return NAMES[view.ordinal()];
  }

  /** {@code view} with the suppression memory chosen for the series' fold on the other fold. */
  public static StreamingDetector crossFitted(View view) {
    return new PerFoldDetector(fold -> {
      int memory = MEMORY_BY_VIEW_AND_FOLD[view.ordinal()][fold];
      EnsembleDetector d = new EnsembleDetector(RAW_VALUE_BY_VIEW_AND_FOLD[view.ordinal()][fold]
          ? EnsembleDetector.Settings.defaults() : EnsembleDetector.Settings.scaleFree(), view);
      return memory == 0 ? d : new EventSuppression(d, memory, 0.5);
    });
  }
}
