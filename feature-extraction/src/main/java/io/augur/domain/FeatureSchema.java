package io.augur.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * A named, versioned, ordered list of feature names. Its {@link #hash()} (SHA-256 of name, version
 * and names, first 16 hex digits) is what models check before they score a vector: a model refuses
 * a vector of another schema.
 */
public record FeatureSchema(String name, int version, List<String> features)
    implements java.io.Serializable {

  public FeatureSchema {
    Checks.nonBlank("name", name);
    if (version < 1) {
      throw new IllegalArgumentException("version must be >= 1, got " + version);
    }
    Checks.noNullElements("features", features);
    if (features.isEmpty()) {
      throw new IllegalArgumentException("features must not be empty (schema " + name + ")");
    }
    Set<String> seen = new HashSet<>();
    for (String f : features) {
      Checks.nonBlank("features[]", f);
      if (!seen.add(f)) {
        throw new IllegalArgumentException(
            "features: duplicate feature name \"" + f + "\" in schema " + name);
      }
    }
    features = List.copyOf(features);
  }

  public int size() {
    return features.size();
  }

  public int indexOf(String feature) {
    return features.indexOf(feature);
  }

  public String hash() {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update((name + "\n" + version + "\n").getBytes(StandardCharsets.UTF_8));
      for (String f : features) {
        md.update((f + "\n").getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(md.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** Throws when {@code other} is not this schema, naming both. */
  public void requireSame(FeatureSchema other) {
    if (!hash().equals(other.hash())) {
      throw new IllegalArgumentException(
          "feature schema mismatch: expected "
              + name
              + " v"
              + version
              + " ("
              + hash()
              + "), got "
              + other.name()
              + " v"
              + other.version()
              + " ("
              + other.hash()
              + ")");
    }
  }
}
