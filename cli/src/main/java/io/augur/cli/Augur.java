package io.augur.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./augur}: one entry point, one subcommand per job. */
@Command(
    name = "augur",
    mixinStandardHelpOptions = true,
    version = "augur 0.1.0-SNAPSHOT",
    description =
        "Predicts failures from Prometheus metrics on Apache Flink, alerts Alertmanager, plans chaos experiments.",
    subcommands = {
      DemoCommand.class,
      RunCommand.class,
      io.augur.training.cli.TrainCommand.class,
      io.augur.training.cli.FeedbackCommand.class,
      io.augur.training.retrain.RetrainCommand.class,
      io.augur.evaluation.cli.EvaluateCommand.class,
      io.augur.evaluation.loop.LoopCommand.class,
      io.augur.chaos.cli.ChaosCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Augur implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /**
   * The {@code train} sources: the pure-Java defaults plus {@code prometheus}, which needs this
   * module's remote-read client.
   */
  public static io.augur.training.sources.TrainingSources trainingSources() {
    return io.augur.training.sources.TrainingSources.defaults()
        .register("prometheus", PrometheusTrainingSource::new);
  }

  public static CommandLine commandLine() {
    CommandLine.IFactory defaults = CommandLine.defaultFactory();
    CommandLine cl =
        new CommandLine(
            new Augur(),
            new CommandLine.IFactory() {
              @Override
              public <K> K create(Class<K> cls) throws Exception {
                if (cls == io.augur.training.cli.TrainCommand.class) {
                  return cls.cast(new io.augur.training.cli.TrainCommand(trainingSources()));
                }
                if (cls == io.augur.training.retrain.RetrainCommand.class) {
                  return cls.cast(new io.augur.training.retrain.RetrainCommand(trainingSources()));
                }
                return defaults.create(cls);
              }
            });
    return withErrorHandling(cl);
  }

  /** See {@link CliErrors#withErrorHandling}. */
  static CommandLine withErrorHandling(CommandLine cl) {
    return CliErrors.withErrorHandling(cl);
  }

  public static void main(String[] args) {
    int code = commandLine().execute(args);
    System.exit(code);
  }
}
