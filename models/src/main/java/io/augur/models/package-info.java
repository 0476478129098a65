/**
 * The model layer: one small {@link io.augur.models.FailureModel} interface over component windows,
 * the shared pieces every adapter uses (calibration, window summaries, metrics), and the training
 * inputs. Library types (Smile, Tribuo, DL4J) never appear in a public signature here or in the
 * adapter packages.
 */
package io.augur.models;
