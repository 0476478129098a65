package io.augur.models;

/** Told how far training has come: a stage name and how much of it is done. */
@FunctionalInterface
public interface ProgressListener {

  ProgressListener NONE = (stage, done, total) -> {};

  void onProgress(String stage, long done, long total);
}
