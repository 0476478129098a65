/**
 * The ingest envelope every source emits (a sample or a dead letter) and the split of it into the
 * two streams.
 */
package io.augur.job.ingest;
