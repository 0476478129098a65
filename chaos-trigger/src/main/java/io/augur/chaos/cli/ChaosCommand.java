package io.augur.chaos.cli;

import io.augur.chaos.exec.proxy.ProxyCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code augur chaos}: plan and run experiments, approve and list those waiting, run the fault
 * proxy, validate resilience requirements, report resilience scores and export chaos metrics.
 */
@Command(
    name = "chaos",
    mixinStandardHelpOptions = true,
    description =
        "Plan chaos experiments where failure is predicted and run them, validate recovery and resilience "
            + "requirements, score resilience.",
    subcommands = {
      PlanCommand.class,
      RunCommand.class,
      RecoverCommand.class,
      ValidateCommand.class,
      ReportCommand.class,
      LabelsCommand.class,
      PendingCommand.class,
      ApproveCommand.class,
      ExporterCommand.class,
      ProxyCommand.class,
      RecoveryCommand.class,
      GamedayCommand.class
    })
public final class ChaosCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }
}
