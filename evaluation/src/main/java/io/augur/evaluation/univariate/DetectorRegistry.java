package io.augur.evaluation.univariate;

import io.augur.evaluation.detect.AugurUnivariateDetector;
import io.augur.evaluation.detect.EventSuppression;
import io.augur.evaluation.detect.FeatureClassifierDetector;
import io.augur.evaluation.detect.RandomCutForestDetector;
import io.augur.evaluation.detect.StreamingDetector;
import io.augur.evaluation.detect.WindowedGaussianDetector;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Names of detectors mapped to factories; each factory makes a fresh detector for one series. The
 * evaluation commands resolve their {@code --detectors} option here, so adding a detector to NAB is
 * one {@link #register} call. Immutable once built: {@link #register} returns a new registry.
 */
public final class DetectorRegistry {

  /** NAB's windowed Gaussian baseline. */
  public static final String WINDOWED_GAUSSIAN = "windowedGaussian";

  /** Random Cut Forest (randomcutforest-core) with its streaming defaults. */
  public static final String RANDOM_CUT_FOREST = "randomCutForest";

  /**
   * NAB's null detector: 0 everywhere. Alone it scores 0 by definition; through the cross-fit's
   * post-processing it shows what the new-extreme rule and suppression score without any model.
   */
  public static final String NULL = "null";

  /** Augur's univariate detector: forest and feature classifier blended, one alert per event. */
  public static final String AUGUR_UNIVARIATE = "augur-univariate";

  /**
   * Augur's per-series feature classifier alone (trained on the probationary period and synthetic
   * faults).
   */
  public static final String AUGUR_FEATURES = "augur-features";

  private final Map<String, Supplier<StreamingDetector>> factories;

  private DetectorRegistry(Map<String, Supplier<StreamingDetector>> factories) {
    this.factories = Collections.unmodifiableMap(factories);
  }

  /** An empty registry. */
  public static DetectorRegistry empty() {
    return new DetectorRegistry(new LinkedHashMap<>());
  }

  /**
   * The detectors this module ships: NAB's null detector, windowed Gaussian, Random Cut Forest,
   * Augur's univariate detector and its feature classifier alone (with event suppression), and
   * Augur's ensemble and each of its members alone ({@link AugurDetectors}: {@code augur}, {@code
   * augur-iforest}, {@code augur-lstm}, {@code augur-rforest}, each also as {@code <name>-raw}
   * without post-processing).
   */
  public static DetectorRegistry defaults() {
    return empty()
        .register(NULL, () -> (timestampMillis, value) -> 0.0)
        .register(WINDOWED_GAUSSIAN, WindowedGaussianDetector::new)
        .register(RANDOM_CUT_FOREST, RandomCutForestDetector::new)
        .register(AUGUR_UNIVARIATE, AugurUnivariateDetector::new)
        .register(
            AUGUR_FEATURES, () -> new EventSuppression(new FeatureClassifierDetector(), 100, 0.5))
        .register(AugurDetectors::register);
  }

  /** This registry passed through {@code extension} (which registers several detectors at once). */
  public DetectorRegistry register(java.util.function.UnaryOperator<DetectorRegistry> extension) {
    return extension.apply(this);
  }

  /** A registry with {@code name} added (or replaced). */
  public DetectorRegistry register(String name, Supplier<StreamingDetector> factory) {
    if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException(
          "name must be letters, digits, '.', '_' or '-', got " + name);
    }
    if (factory == null) {
      throw new IllegalArgumentException("factory must not be null for detector " + name);
    }
    Map<String, Supplier<StreamingDetector>> copy = new LinkedHashMap<>(factories);
    copy.put(name, factory);
    return new DetectorRegistry(copy);
  }

  /** The factory registered under {@code name}; fails listing the known names. */
  public Supplier<StreamingDetector> factory(String name) {
    Supplier<StreamingDetector> f = factories.get(name);
    if (f == null) {
      throw new IllegalArgumentException("detector must be one of " + names() + ", got " + name);
    }
    return f;
  }

  /** A fresh detector for one series. */
  public StreamingDetector create(String name) {
    return factory(name).get();
  }

  public List<String> names() {
    return List.copyOf(factories.keySet());
  }
}
