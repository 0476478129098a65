/**
 * The isolation forest adapter: Smile's {@code smile.anomaly.IsolationForest}, fitted on normal
 * windows' summary rows; its anomaly score is calibrated to a probability on held-out data.
 */
package io.augur.models.iforest;
