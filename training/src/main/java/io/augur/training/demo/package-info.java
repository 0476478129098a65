/**
 * Training data and bundles from the simulated demo fleet: what {@code ./augur demo} scores with.
 */
package io.augur.training.demo;
