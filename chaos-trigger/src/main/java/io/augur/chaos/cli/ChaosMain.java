package io.augur.chaos.cli;

import picocli.CommandLine;

/**
 * {@code java -cp ... io.augur.chaos.cli.ChaosMain chaos run ...}: the chaos commands without the
 * rest of Augur, for scripts and for tests that run the CLI as a separate process (signals,
 * crashes). The leading {@code chaos} is optional.
 */
public final class ChaosMain {
  private ChaosMain() {}

  public static void main(String[] args) {
    String[] rest =
        args.length > 0 && args[0].equals("chaos")
            ? java.util.Arrays.copyOfRange(args, 1, args.length)
            : args;
    System.exit(new CommandLine(new ChaosCommand()).execute(rest));
  }
}
