package io.augur.training.sources;

import io.augur.models.ProgressListener;

/**
 * A source of training history for {@code augur train}. Implementations read raw series (files, a
 * simulation, a Prometheus range) and report bad input as an {@link IllegalArgumentException}
 * naming the file, line or field; the command turns it into one line and exit code 2.
 */
public interface TrainingSource {

  /** The {@code --source} name. */
  String name();

  /** Reads the history, reporting progress under a stage named after the source. */
  SourceHistory read(ProgressListener progress);

  /** Builds a source from the command's options (each source reads the options it needs). */
  @FunctionalInterface
  interface Factory {
    TrainingSource create(SourceOptions options);
  }
}
