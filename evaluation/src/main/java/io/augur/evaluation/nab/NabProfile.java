package io.augur.evaluation.nab;

import com.fasterxml.jackson.databind.JsonNode;
import io.augur.json.Wire;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One of NAB's cost profiles: the weights of a true positive, a false positive and a false
 * negative.
 *
 * @param name profile key as in {@code config/profiles.json}, e.g. {@code standard}
 * @param tpWeight A_TP, the value of detecting a window at its left edge
 * @param fpWeight A_FP, the full cost of a false positive far from any window
 * @param fnWeight A_FN, the cost of a missed window
 */
public record NabProfile(String name, double tpWeight, double fpWeight, double fnWeight) {

  public static final NabProfile STANDARD = new NabProfile("standard", 1.0, 0.11, 1.0);
  public static final NabProfile REWARD_LOW_FP =
      new NabProfile("reward_low_FP_rate", 1.0, 0.22, 1.0);
  public static final NabProfile REWARD_LOW_FN =
      new NabProfile("reward_low_FN_rate", 1.0, 0.11, 2.0);

  /**
   * NAB's three profiles in the order NAB's reports use: standard, reward_low_FP_rate,
   * reward_low_FN_rate.
   */
  public static final List<NabProfile> ALL = List.of(STANDARD, REWARD_LOW_FP, REWARD_LOW_FN);

  public NabProfile {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name must not be empty, got " + name);
    }
    requirePositive("tpWeight", tpWeight);
    requirePositive("fpWeight", fpWeight);
    requirePositive("fnWeight", fnWeight);
  }

  private static void requirePositive(String field, double value) {
    if (!(value > 0.0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(field + " must be a finite number > 0, got " + value);
    }
  }

  /** The built-in profile of that name. */
  public static NabProfile named(String name) {
    for (NabProfile p : ALL) {
      if (p.name.equals(name)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "profile must be one of standard, reward_low_FP_rate, reward_low_FN_rate, got " + name);
  }

  /**
   * Reads NAB's {@code config/profiles.json} ({@code {"standard": {"CostMatrix": {...}}, ...}}).
   */
  public static List<NabProfile> load(Path profilesJson) {
    try {
      JsonNode root = Wire.EXTERNAL.readTree(profilesJson.toFile());
      List<NabProfile> out = new ArrayList<>();
      for (NabProfile known : ALL) {
        JsonNode cost = root.path(known.name).path("CostMatrix");
        if (cost.isMissingNode()) {
          throw new IllegalArgumentException(
              profilesJson + " has no CostMatrix for profile " + known.name);
        }
        out.add(
            new NabProfile(
                known.name,
                cost.path("tpWeight").asDouble(Double.NaN),
                cost.path("fpWeight").asDouble(Double.NaN),
                cost.path("fnWeight").asDouble(Double.NaN)));
      }
      return List.copyOf(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read profiles " + profilesJson, e);
    }
  }
}
