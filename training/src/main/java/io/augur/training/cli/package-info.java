/**
 * The training module's command-line entry points, composed into {@code ./augur} by the streaming
 * job.
 */
package io.augur.training.cli;
