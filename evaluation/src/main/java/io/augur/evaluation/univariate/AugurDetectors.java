package io.augur.evaluation.univariate;

import io.augur.evaluation.detect.PerFoldDetector;
import io.augur.evaluation.detect.PostProcessing;
import io.augur.evaluation.detect.StreamingDetector;
import io.augur.evaluation.univariate.EnsembleDetector.Settings;
import io.augur.evaluation.univariate.EnsembleDetector.View;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Registers Augur's ensemble and each of its members alone as NAB detectors:
 *
 * <ul>
 *   <li>raw detectors, no post-processing: {@code augur-raw} (the stacked, calibrated probability),
 *       {@code augur-max-raw} (the members combined without labels, {@link MembersRankMax}), {@code
 *       augur-iforest-raw}, {@code augur-lstm-raw}, {@code augur-rforest-raw} (each member alone,
 *       {@link EnsembleDetector}); and the same with scale-free features only ({@code
 *       augur-sf-raw}, {@code augur-max-sf-raw}, ...);
 *   <li>{@code augur}, {@code augur-iforest}, {@code augur-lstm}, {@code augur-rforest}:
 *       <em>cross-fitted</em>. For the ensemble, the raw variant (stacked or label-free
 *       combination, with or without the raw value) and the post-processing ({@link
 *       PostProcessing}: ranking within the series, anomaly likelihood, new-extreme rule, event
 *       suppression); for a member, its feature set and post-processing. Each is chosen on the NAB
 *       files of one fold ({@code Folds}) and used on the other fold's files ({@code
 *       NabCrossFitCommand}; figures in docs/benchmarks/nab.md).
 * </ul>
 */
public final class AugurDetectors {

  /**
   * Per view and fold, {@code <raw detector>/<post-processing>} as the cross-fit chose it on the
   * other fold's files (docs/benchmarks/nab.md, section 3b).
   */
  static final String[][] CHOSEN_BY_VIEW_AND_FOLD = {
    {
      "augur-raw/likelihood+extreme-0.05+suppress-100",
      "augur-raw/likelihood+extreme-0.05+suppress-200"
    }, // ENSEMBLE
    {
      "augur-iforest-raw/rank+extreme-0.05+suppress-25",
      "augur-iforest-raw/extreme-0.05+suppress-25"
    }, // ISOLATION_FOREST
    {
      "augur-lstm-raw/rank+extreme-0.1+suppress-50",
      "augur-lstm-raw/likelihood+extreme-0.05+suppress-400"
    }, // LSTM
    {
      "augur-rforest-raw/likelihood+extreme-0.05+suppress-100",
      "augur-rforest-raw/likelihood+extreme-0.05+suppress-400"
    }, // RANDOM_FOREST
  };

  private static final String[] NAMES = {"augur", "augur-iforest", "augur-lstm", "augur-rforest"};

  private AugurDetectors() {}

  /** The raw (not post-processed) detectors by name, in registration order. */
  static Map<String, Supplier<StreamingDetector>> raw() {
    Map<String, Supplier<StreamingDetector>> raw = new LinkedHashMap<>();
    for (boolean scaleFree : new boolean[] {false, true}) {
      Settings settings = scaleFree ? Settings.scaleFree() : Settings.defaults();
      String suffix = scaleFree ? "-sf-raw" : "-raw";
      for (View v : View.values()) {
        raw.put(NAMES[v.ordinal()] + suffix, () -> new EnsembleDetector(settings, v));
      }
      raw.put("augur-max" + suffix, () -> new MembersRankMax(settings));
    }
    return raw;
  }

  /** {@code registry} with the raw and the cross-fitted detectors above. */
  public static DetectorRegistry register(DetectorRegistry registry) {
    DetectorRegistry r = registry;
    for (Map.Entry<String, Supplier<StreamingDetector>> e : raw().entrySet()) {
      r = r.register(e.getKey(), e.getValue());
    }
    for (View v : View.values()) {
      r = r.register(NAMES[v.ordinal()], () -> crossFitted(v));
    }
    return r;
  }

  /**
   * The detector name of {@code view}'s cross-fitted detector ({@code augur}, {@code
   * augur-iforest}, ...).
   */
  public static String name(View view) {
    return NAMES[view.ordinal()];
  }

  /**
   * {@code view} with the raw variant and post-processing chosen for the series' fold on the other
   * fold.
   */
  public static StreamingDetector crossFitted(View view) {
    Map<String, Supplier<StreamingDetector>> raw = raw();
    return new PerFoldDetector(
        fold -> {
          String[] chosen = CHOSEN_BY_VIEW_AND_FOLD[view.ordinal()][fold].split("/", 2);
          Supplier<StreamingDetector> base = raw.get(chosen[0]);
          if (base == null) {
            throw new IllegalStateException("no raw detector " + chosen[0] + " for " + name(view));
          }
          return PostProcessing.parse(chosen[1]).wrap(base.get());
        });
  }
}
