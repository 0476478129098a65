package io.augur.evaluation.nab;

import com.fasterxml.jackson.databind.JsonNode;
import io.augur.json.Wire;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.OptionalDouble;

/**
 * NAB's stored corpus-wide thresholds, {@code config/thresholds.json}: detector -> profile ->
 * threshold.
 */
public final class StoredThresholds {

  private final JsonNode root;

  private StoredThresholds(JsonNode root) {
    this.root = root;
  }

  public static StoredThresholds load(Path thresholdsJson) {
    try {
      return new StoredThresholds(Wire.EXTERNAL.readTree(thresholdsJson.toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read thresholds " + thresholdsJson, e);
    }
  }

  /** The stored threshold of {@code detector} under {@code profile}, if NAB has one. */
  public OptionalDouble threshold(String detector, String profile) {
    JsonNode t = root.path(detector).path(profile).path("threshold");
    return t.isNumber() ? OptionalDouble.of(t.asDouble()) : OptionalDouble.empty();
  }

  /** Like {@link #threshold} but fails naming what is missing. */
  public double require(String detector, String profile) {
    return threshold(detector, profile)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no stored threshold for detector " + detector + ", profile " + profile));
  }
}
