/**
 * Scoring of anomaly scores against 0/1 labels, one label per row: point-wise precision, recall and
 * F1 at a threshold and at the best threshold, threshold-free ranking figures (average precision as
 * AUC-PR, ROC AUC), event-wise figures (each labelled segment one event), the lead time of detected
 * events, and the point-adjusted F1 that papers report, kept apart and named as such because it
 * inflates results. A row is predicted anomalous when its score is {@code >=} the threshold. Pure
 * Java, no dependencies.
 */
package io.augur.evaluation.metrics;
