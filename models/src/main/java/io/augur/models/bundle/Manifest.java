package io.augur.models.bundle;

import io.augur.domain.FeatureSchema;
import io.augur.models.ModelInfo;
import java.util.List;
import java.util.Map;

/**
 * The contents of {@code manifest.json}.
 *
 * @param format the bundle format version ({@link ModelBundle#FORMAT}); a reader refuses others
 * @param bundleVersion the ensemble's version string (predictions carry it as {@code modelVersion})
 * @param createdAt ISO-8601 instant the bundle was written
 * @param schema the feature schema the models were trained on
 * @param schemaHash {@link FeatureSchema#hash()} of it, checked on load
 * @param models per model name: library, version, hyperparameters, validation metrics, provenance
 * @param modelFiles per model name: its files
 * @param trainingDataFingerprint SHA-256 over the training set
 * @param validation the ensemble's metrics on held-out data
 * @param files SHA-256 (hex) of every file in the bundle but the manifest
 */
public record Manifest(
    int format,
    String bundleVersion,
    String createdAt,
    FeatureSchema schema,
    String schemaHash,
    Map<String, ModelInfo> models,
    Map<String, List<String>> modelFiles,
    String trainingDataFingerprint,
    Map<String, Double> validation,
    Map<String, String> files) {}
