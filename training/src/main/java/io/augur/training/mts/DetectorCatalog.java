package io.augur.training.mts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The multivariate detectors the {@code mts} command can run, by name. */
public final class DetectorCatalog {
  private final Map<String, Supplier<MultivariateDetector>> detectors = new LinkedHashMap<>();

  /**
   * {@code zscore} (the baseline), {@code iforest} (a member alone), {@code augur}, and the models
   * module's ensemble as {@code augur-ensemble} (all members) and {@code augur-ensemble-forests}.
   */
  public static DetectorCatalog defaults() {
    DetectorCatalog c = new DetectorCatalog();
    c.register("zscore", ZScoreDetector::new);
    c.register("iforest", IsolationForestDetector::new);
    c.register("augur", AugurMtsDetector::standard);
    c.register("augur-ensemble", AugurEnsembleDetector::standard);
    c.register("augur-ensemble-forests", AugurEnsembleDetector::forests);
    return c;
  }

  /** Adds or replaces a detector; {@code name} must be what the detector's {@code name()} returns. */
  public DetectorCatalog register(String name, Supplier<MultivariateDetector> factory) {
    if (name == null || !name.matches("[A-Za-z0-9-]+")) {
      throw new IllegalArgumentException("name must be letters, digits and '-', got " + name);
    }
    detectors.put(name, factory);
    return this;
  }

  public List<String> names() {
    return List.copyOf(detectors.keySet());
  }

  public MultivariateDetector create(String name) {
    Supplier<MultivariateDetector> f = detectors.get(name);
    if (f == null) {
      throw new IllegalArgumentException("detector must be one of " + names() + ", got " + name);
    }
    MultivariateDetector d = f.get();
    if (!d.name().equals(name)) {
      throw new IllegalStateException("detector registered as " + name + " calls itself " + d.name());
    }
    return d;
  }
}
