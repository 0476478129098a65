package io.augur.evaluation.cli;

import io.augur.evaluation.mts.EvaluateMtsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code augur evaluate nab|mts}: score detectors on labelled benchmarks with the field's own
 * rules.
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description =
        "Evaluate Augur and baselines on labelled benchmarks (NAB; SMD/ASD multivariate server metrics).",
    subcommands = {EvaluateNabCommand.class, EvaluateMtsCommand.class})
public final class EvaluateCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
