/**
 * Scoring in the job: each component's recent window of vectors, scored by the ensemble in batches.
 */
package io.augur.job.scoring;
