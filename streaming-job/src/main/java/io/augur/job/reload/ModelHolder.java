package io.augur.job.reload;

import io.augur.domain.DeadLetter;
import java.nio.file.Path;

/**
 * The model a task scores with, swapped only for a bundle that loads and validates; a bad bundle is
 * refused (with a dead letter naming why) and the current model kept. Pure Java.
 */
public final class ModelHolder<M> {
  public static final String STAGE = "model-reload";

  /** What an offer did. */
  public enum Status {
    SWAPPED,
    UNCHANGED,
    REFUSED
  }

  /** The outcome of one offer. */
  public record Outcome(Status status, String version, DeadLetter refusal) {}

  private final BundleLoader<M> loader;
  private M model;
  private String version = "";
  private String path = "";

  public ModelHolder(BundleLoader<M> loader) {
    if (loader == null) {
      throw new IllegalArgumentException("loader must not be null");
    }
    this.loader = loader;
  }

  /** The current model, or null before the first successful load. */
  public M model() {
    return model;
  }

  public String version() {
    return version;
  }

  public Outcome offer(ModelAnnouncement a, long nowMs) {
    if (model != null
        && a.path().equals(path)
        && (a.version().isEmpty() || a.version().equals(version))) {
      return new Outcome(Status.UNCHANGED, version, null);
    }
    try {
      BundleLoader.Loaded<M> loaded = loader.load(Path.of(a.path()));
      if (loaded == null || loaded.model() == null) {
        throw new IllegalStateException("loader returned no model");
      }
      if (!a.version().isEmpty() && !a.version().equals(loaded.version())) {
        throw new IllegalArgumentException(
            "announced version " + a.version() + " but the bundle declares " + loaded.version());
      }
      model = loaded.model();
      version = loaded.version();
      path = a.path();
      return new Outcome(Status.SWAPPED, version, null);
    } catch (Exception e) {
      String msg =
          "bundle "
              + a.path()
              + " refused, keeping "
              + (version.isEmpty() ? "no model" : "model " + version)
              + ": "
              + e.getMessage();
      return new Outcome(
          Status.REFUSED,
          version,
          new DeadLetter(STAGE, a.toString(), e.getClass().getName(), msg, Math.max(0, nowMs)));
    }
  }
}
