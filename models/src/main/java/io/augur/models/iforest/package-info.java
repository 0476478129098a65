/**
 * The isolation forest adapter: Smile's {@code smile.anomaly.IsolationForest}, grown tree by tree
 * from seeded generators on normal windows' summary rows ({@link
 * io.augur.models.iforest.SeededGrowth}, reproducible by seed) and scored from its trees flattened
 * into arrays ({@link io.augur.models.iforest.CompiledIsolationForest}, exactly Smile's score); its
 * anomaly score is calibrated to a probability on held-out data.
 */
package io.augur.models.iforest;
