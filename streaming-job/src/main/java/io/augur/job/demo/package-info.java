/**
 * The demo: the simulated fleet as a Flink source, the run, and its scorecard against the labels.
 */
package io.augur.job.demo;
