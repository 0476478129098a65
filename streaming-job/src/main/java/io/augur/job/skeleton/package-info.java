/** The walking skeleton's crude per-component scorer: the baseline later stages must beat. */
package io.augur.job.skeleton;
