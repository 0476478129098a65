/**
 * Augur's domain records, shared by every module: samples, series keys, feature schemas and
 * vectors, predictions, alerts, experiment plans and outcomes, dead letters. Each is an immutable,
 * Jackson-serialisable record validated in its canonical constructor; a bad value is rejected with
 * an {@link java.lang.IllegalArgumentException} naming the field and the value.
 */
package io.augur.domain;
