package io.augur.evaluation.mts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The multivariate detectors the {@code mts} command can run, by name. */
public final class DetectorCatalog {
  private final Map<String, Supplier<MultivariateDetector>> detectors = new LinkedHashMap<>();

  /**
   * {@code zscore} (the baseline of issue 5), {@code pca} (PCA reconstruction error) and {@code
   * knn1} (1-nearest-neighbour distance), the baselines of issue 14; Augur's ensemble as {@code
   * augur} (members' scaled scores averaged), {@code augur-stacked} (its stacked, calibrated
   * probability) and each member alone ({@code augur-isolation-forest}, {@code
   * augur-random-forest}, {@code augur-lstm}), all sharing one trained ensemble per machine; and
   * this package's own {@code iforest} and {@code iforest-zscore} (isolation forest over
   * trailing-window features averaged with the z-score).
   */
  public static DetectorCatalog defaults() {
    DetectorCatalog c = new DetectorCatalog();
    c.register("zscore", ZScoreDetector::new);
    c.register("pca", PcaDetector::new);
    c.register("knn1", NearestNeighbourDetector::new);
    EnsembleFits fits = new EnsembleFits(EnsembleMtsDetector.Settings.defaults());
    c.register("augur", () -> EnsembleMtsDetector.combined(fits));
    c.register("augur-stacked", () -> EnsembleMtsDetector.stacked(fits));
    for (String member : EnsembleMtsDetector.memberNames(fits.settings())) {
      c.register("augur-" + member, () -> EnsembleMtsDetector.member(member, fits));
    }
    c.register("iforest", IsolationForestDetector::new);
    c.register("iforest-zscore", AugurMtsDetector::standard);
    return c;
  }

  /**
   * Adds or replaces a detector; {@code name} must be what the detector's {@code name()} returns.
   */
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
      throw new IllegalStateException(
          "detector registered as " + name + " calls itself " + d.name());
    }
    return d;
  }
}
