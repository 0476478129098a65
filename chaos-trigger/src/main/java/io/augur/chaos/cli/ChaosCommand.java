package io.augur.chaos.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code augur chaos}: plan experiments, validate resilience requirements, report resilience scores. */
@Command(name = "chaos", mixinStandardHelpOptions = true,
    description = "Plan chaos experiments where failure is predicted, validate resilience requirements, score resilience.",
    subcommands = {PlanCommand.class, ValidateCommand.class, ReportCommand.class, LabelsCommand.class,
        io.augur.chaos.exec.proxy.ProxyCommand.class,
        RecoverCommand.class})
public final class ChaosCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }
}
