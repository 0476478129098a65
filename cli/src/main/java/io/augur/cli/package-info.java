/**
 * The {@code augur} command line: one entry point whose subcommands run the demo, the job, training
 * and evaluation.
 */
package io.augur.cli;
