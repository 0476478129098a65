package io.augur.training.cli;

import io.augur.models.ensemble.Ensemble;
import io.augur.training.demo.DemoBundle;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code augur train}: train the three models and the ensemble, and write a versioned bundle. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train the isolation forest, LSTM and random forest and their calibrated ensemble; write a model bundle.")
public final class TrainCommand implements Callable<Integer> {

  @Option(names = "--source", defaultValue = "demo",
      description = "Training data: demo (simulated fleets with labelled failures). Default ${DEFAULT-VALUE}.")
  String source;

  @Option(names = "--out", defaultValue = "augur-out/models/demo", description = "Bundle directory (default ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--fleets", defaultValue = "4", description = "Simulated training fleets (default ${DEFAULT-VALUE}).")
  int fleets;

  @Option(names = "--hours", defaultValue = "8", description = "Simulated hours per fleet (default ${DEFAULT-VALUE}).")
  double hours;

  @Option(names = "--seed", defaultValue = "1000", description = "First training fleet's seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws Exception {
    if (!source.equals("demo")) {
      System.err.println("augur train: unknown --source " + source + " (supported: demo)");
      return 2;
    }
    DemoBundle.Spec d = DemoBundle.Spec.defaults();
    DemoBundle.Spec spec = new DemoBundle.Spec(fleets, seed, hours, d.windowSteps(), d.normalStride(), d.seed());
    System.out.printf("Training on %d simulated fleets of %.1f h (seeds %d-%d)%n", fleets, hours, seed, seed + fleets - 1);
    Ensemble e = DemoBundle.train(spec, new ConsoleProgress(System.out));
    DemoBundle.save(e, out);
    System.out.println();
    System.out.println("Bundle " + e.version() + " written to " + out.toAbsolutePath());
    System.out.printf("  %-28s %s%n", "members", String.join(", ", e.members().keySet()));
    e.validation().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
        .forEach(v -> System.out.printf(java.util.Locale.ROOT, "  %-28s %.4f%n", v.getKey(), v.getValue()));
    return 0;
  }
}
