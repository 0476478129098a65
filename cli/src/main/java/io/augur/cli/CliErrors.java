package io.augur.cli;

import picocli.CommandLine;

/**
 * How both entry points ({@link Augur}, {@link AugurCluster}) report errors. Its own class so the
 * cluster jar carries it without {@link Augur}, whose subcommands name training and evaluation.
 */
final class CliErrors {
  private CliErrors() {}

  /**
   * Bad input and misconfiguration get one clear line and exit code 2; anything else is a bug: full
   * trace.
   */
  static CommandLine withErrorHandling(CommandLine cl) {
    cl.setExecutionExceptionHandler(
        (ex, cmd, parsed) -> {
          if (ex instanceof IllegalArgumentException) {
            cmd.getErr().println("augur " + cmd.getCommandName() + ": " + ex.getMessage());
            return 2;
          }
          throw ex;
        });
    return cl;
  }
}
