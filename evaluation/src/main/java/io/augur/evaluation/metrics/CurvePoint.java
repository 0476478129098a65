package io.augur.evaluation.metrics;

/**
 * One point of a precision-recall curve ({@code x} = recall, {@code y} = precision) or of a ROC
 * curve ({@code x} = false-positive rate, {@code y} = true-positive rate), at {@code threshold}.
 */
public record CurvePoint(double threshold, double x, double y) {}
