package io.augur.chaos.exec.proxy;

import io.augur.chaos.cli.ChaosCommand;
import picocli.CommandLine;

/**
 * {@code augur chaos ...} as a process of its own, for tests that signal it (java -cp of the test
 * class path).
 */
public final class ChaosMainForTests {
  private ChaosMainForTests() {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new ChaosCommand()).execute(args));
  }
}
