package io.augur.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The cluster jar's entry point ({@code mvn -Pdist -pl cli -am package}): only {@code run}, so the
 * jar needs neither training nor evaluation, and carries neither. The FlinkDeployment passes {@code
 * run --config ...} as for {@code ./augur run}.
 */
@Command(
    name = "augur-cluster",
    mixinStandardHelpOptions = true,
    version = "augur 0.1.0-SNAPSHOT",
    description = "Runs the Augur job on a Flink cluster (the cluster jar's entry point).",
    subcommands = {RunCommand.class, CommandLine.HelpCommand.class})
public final class AugurCluster implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /**
   * Never {@code System.exit}: on a REST submission this runs inside the JobManager, whose JVM it
   * would end. A failure is thrown instead, so the submission fails with it.
   */
  public static void main(String[] args) {
    int code = CliErrors.withErrorHandling(new CommandLine(new AugurCluster())).execute(args);
    if (code != 0) {
      throw new IllegalArgumentException(
          "augur-cluster: exit code " + code + " (the error is above)");
    }
  }
}
