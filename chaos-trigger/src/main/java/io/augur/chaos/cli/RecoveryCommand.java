package io.augur.chaos.cli;

import io.augur.chaos.adaptive.EffectivenessLog;
import io.augur.chaos.adaptive.EffectivenessTable;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code augur chaos recovery}: adaptive recovery. {@code respond} acts on detected failures,
 * {@code report} prints what the effectiveness log says about each strategy.
 */
@Command(
    name = "recovery",
    mixinStandardHelpOptions = true,
    description =
        "Adaptive recovery: respond to a detected failure with the strategy that has worked best, and report "
            + "each strategy's recorded effectiveness.",
    subcommands = {RecoveryCommand.Report.class, RespondCommand.class})
public final class RecoveryCommand implements Callable<Integer> {
  static final String DEFAULT_LOG = ".augur/recovery-effectiveness.jsonl";

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }

  /** {@code augur chaos recovery report}. */
  @Command(
      name = "report",
      mixinStandardHelpOptions = true,
      description =
          "Print the effectiveness table per failure type and strategy: tries, success rate with its 95% "
              + "credible interval, median recovery time with its ~95% order-statistic interval.")
  static final class Report implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--log",
        paramLabel = "FILE",
        defaultValue = DEFAULT_LOG,
        description = "effectiveness log, JSON lines (default ${DEFAULT-VALUE})")
    Path log;

    @Override
    public Integer call() {
      EffectivenessLog.Contents c = new EffectivenessLog(log).read();
      var o = spec.commandLine().getOut();
      if (c.attempts().isEmpty()) {
        o.println("no recovery attempts in " + log);
      } else {
        o.print(EffectivenessTable.format(EffectivenessTable.of(c.attempts())));
        o.printf("%d attempt(s) from %s%n", c.attempts().size(), log);
      }
      if (!c.skippedLines().isEmpty()) {
        o.println("skipped unreadable line(s) " + c.skippedLines());
      }
      o.flush();
      return 0;
    }
  }
}
