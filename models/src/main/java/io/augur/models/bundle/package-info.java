/**
 * The versioned model bundle: a directory with {@code manifest.json} (format and bundle version,
 * created-at, feature schema and hash, each model's library, version, hyperparameters, validation
 * metrics and provenance, the training-data fingerprint, and the SHA-256 of every other file) plus
 * the models' own files. Loading checks all of it before building anything.
 */
package io.augur.models.bundle;
