/**
 * Simple line-oriented sinks (JSON lines to files, formatted lines to stdout) on Flink's Sink V2
 * API.
 */
package io.augur.job.sinks;
