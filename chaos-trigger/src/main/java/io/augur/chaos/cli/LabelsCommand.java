package io.augur.chaos.cli;

import io.augur.chaos.loop.LabelledWindow;
import io.augur.chaos.loop.LabelledWindowsFile;
import io.augur.chaos.loop.OutcomeLabeller;
import io.augur.chaos.requirements.Durations;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code augur chaos labels}: outcomes to labelled windows for {@code augur train}. */
@Command(
    name = "labels",
    mixinStandardHelpOptions = true,
    description =
        "Turn recorded experiment outcomes into labelled windows (CSV or JSONL) for training.")
public final class LabelsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--outcomes",
      required = true,
      paramLabel = "FILE",
      description = "outcome log (JSON lines)")
  Path outcomes;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "windows file, .csv or .jsonl")
  Path out;

  @Option(
      names = "--baseline",
      defaultValue = "5m",
      description = "normal window before each experiment (default ${DEFAULT-VALUE})")
  String baseline;

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      List<LabelledWindow> w =
          new OutcomeLabeller(Durations.parse("--baseline", baseline))
              .windows(Inputs.outcomes(outcomes, err));
      LabelledWindowsFile.write(out, w);
      long failures = w.stream().filter(x -> x.label() == LabelledWindow.Label.FAILURE).count();
      o.printf(
          "wrote %d windows (%d failure, %d normal) to %s%n",
          w.size(), failures, w.size() - failures, out);
      return 0;
    } catch (IllegalArgumentException | UncheckedIOException e) {
      err.println("chaos labels: " + e.getMessage());
      return 2;
    } finally {
      o.flush();
      err.flush();
    }
  }
}
