package io.augur.evaluation.loop;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code augur loop simulate}: the closed loop measured on simulated fleets. */
@Command(
    name = "loop",
    mixinStandardHelpOptions = true,
    description = "The closed loop (predict, experiment, label, retrain), measured.",
    subcommands = {LoopSimulateCommand.class})
public final class LoopCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
