/**
 * The {@code augur chaos} command line: {@code plan}, {@code run}, {@code validate}, {@code report}
 * and {@code labels}, as picocli commands the top-level {@code augur} command mounts ({@link
 * io.augur.chaos.cli.ChaosMain} runs them alone). Each returns an exit code: 0 ok, 1 a violation
 * with {@code --fail-on-violation}, 2 bad input.
 */
package io.augur.chaos.cli;
