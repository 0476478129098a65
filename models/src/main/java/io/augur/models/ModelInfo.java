package io.augur.models;

import io.augur.domain.Checks;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a bundle records about one model: which library built it, with what hyperparameters, and how
 * it did on validation data. {@code provenance} is the library's own account when it has one
 * (Tribuo's), or empty.
 */
public record ModelInfo(
    String name,
    String library,
    String libraryVersion,
    Map<String, String> hyperparameters,
    Map<String, Double> validation,
    String provenance) {

  public ModelInfo {
    Checks.nonBlank("name", name);
    Checks.nonBlank("library", library);
    Checks.nonBlank("libraryVersion", libraryVersion);
    hyperparameters =
        new TreeMap<>(
            Checks.noNullEntries(
                "hyperparameters", hyperparameters == null ? Map.of() : hyperparameters));
    validation =
        new TreeMap<>(
            Checks.noNullEntries("validation", validation == null ? Map.of() : validation));
    provenance = provenance == null ? "" : provenance;
  }

  public ModelInfo withValidation(Map<String, Double> metrics) {
    return new ModelInfo(name, library, libraryVersion, hyperparameters, metrics, provenance);
  }
}
