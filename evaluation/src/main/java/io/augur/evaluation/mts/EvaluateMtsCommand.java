package io.augur.evaluation.mts;

import io.augur.evaluation.metrics.SeriesEvaluation;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code augur evaluate mts}: per machine of a directory in SMD's layout, fits each detector on
 * {@code train/}, scores {@code test/}, and writes {@code <out>/<detector>/<machine>.txt} (one
 * score a line), {@code <out>/labels/<machine>.txt} (a copy of the labels, so the report directory
 * stands alone), {@code <out>/report.json}, {@code <out>/report.md} and {@code <out>/plots/*.png}.
 */
@Command(
    name = "mts",
    mixinStandardHelpOptions = true,
    description = "Evaluate multivariate detectors on a dataset in SMD's layout (SMD, ASD).")
public final class EvaluateMtsCommand implements Callable<Integer> {
  private final DetectorCatalog catalog;

  @Spec CommandSpec spec;

  @Option(
      names = "--dir",
      defaultValue = "../shared/datasets/smd",
      description =
          "Dataset directory with train/, test/ and test_label/ (default: ${DEFAULT-VALUE})")
  Path dir;

  @Option(names = "--out", required = true, description = "Output directory for scores and reports")
  Path out;

  @Option(
      names = "--detectors",
      split = ",",
      defaultValue =
          "zscore,pca,knn1,augur,augur-stacked,augur-isolation-forest,augur-random-forest,augur-lstm",
      description = "Detectors to run (default: ${DEFAULT-VALUE})")
  List<String> detectors;

  @Option(
      names = "--machines",
      split = ",",
      description = "Only these machines (default: every machine with data)")
  List<String> machines;

  @Option(
      names = "--plot-machines",
      split = ",",
      description = "Machines to chart (default: every machine scored)")
  List<String> plotMachines;

  @Option(
      names = "--calibration-quantile",
      defaultValue = "" + MtsRunner.DEFAULT_CALIBRATION_QUANTILE,
      description =
          "Quantile of each detector's train scores used as the label-free threshold (default: ${DEFAULT-VALUE})")
  double calibrationQuantile;

  @Option(
      names = "--early-window",
      defaultValue = "" + SeriesEvaluation.DEFAULT_EARLY_WINDOW,
      description =
          "Rows before an event's onset in which an alarm counts towards lead time (default: ${DEFAULT-VALUE})")
  int earlyWindow;

  public EvaluateMtsCommand() {
    this(DetectorCatalog.defaults());
  }

  /** With the detectors of {@code catalog}, e.g. the defaults plus {@code augur-ensemble}. */
  public EvaluateMtsCommand(DetectorCatalog catalog) {
    this.catalog = catalog;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new EvaluateMtsCommand()).execute(args));
  }

  @Override
  public Integer call() throws IOException {
    PrintStream err = System.err;
    long t0 = System.nanoTime();
    String startedAt = Instant.now().toString();
    List<MultivariateDetector> chosen = new ArrayList<>();
    for (String name : detectors) {
      chosen.add(catalog.create(name.trim()));
    }
    MtsDatasetReader reader = new MtsDatasetReader(dir);
    if (machines != null) {
      reader = reader.only(machines);
    }
    List<MachineResult> results =
        new MtsRunner(chosen, out, err, calibrationQuantile, earlyWindow).run(reader);
    Files.createDirectories(out.resolve("labels"));
    for (String machine : reader.machines()) {
      Files.copy(
          dir.resolve("test_label").resolve(machine + ".txt"),
          out.resolve("labels").resolve(machine + ".txt"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    List<String> plotted = plotMachines == null ? reader.machines() : plotMachines;
    for (String machine : plotted) {
      List<MachineResult> mine = results.stream().filter(r -> r.machine().equals(machine)).toList();
      if (mine.isEmpty()) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "--plot-machines must name scored machines " + reader.machines() + ", got " + machine);
      }
      MtsCharts.scoresOverTime(
          out.resolve("plots").resolve(machine + "-scores.png"), machine, mine);
      MtsCharts.curves(out.resolve("plots").resolve(machine + "-pr.png"), machine, mine, true);
      MtsCharts.curves(out.resolve("plots").resolve(machine + "-roc.png"), machine, mine, false);
    }
    RunInfo run =
        new RunInfo(
            commandLine(),
            gitCommit(),
            startedAt,
            (System.nanoTime() - t0) / 1e9,
            dir.toString(),
            dir.toAbsolutePath().normalize().getFileName().toString(),
            reader.machines(),
            reader.skipped(),
            chosen.stream().map(MultivariateDetector::name).toList(),
            calibrationQuantile,
            earlyWindow);
    Files.writeString(out.resolve("report.json"), JsonText.of(MtsReport.tree(run, results)));
    Files.writeString(out.resolve("report.md"), MtsMarkdown.of(run, results, plotted));
    err.println("wrote " + out.resolve("report.json") + " and " + out.resolve("report.md"));
    for (Object o : MtsReport.means(run.detectors(), results)) {
      java.util.Map<?, ?> m = (java.util.Map<?, ?>) o;
      err.printf(
          java.util.Locale.ROOT,
          "  %-16s mean AUC-PR %.3f  mean best F1 %.3f%n",
          m.get("detector"),
          (Double) m.get("aucPr"),
          (Double) m.get("bestF1"));
    }
    return 0;
  }

  /**
   * The command as typed: from the root command (e.g. {@code augur evaluate mts ...}) when run as a
   * subcommand.
   */
  private String commandLine() {
    if (spec == null) {
      return "augur evaluate mts";
    }
    CommandLine root = spec.commandLine();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    List<String> parts = new ArrayList<>();
    parts.add(root == spec.commandLine() ? "augur evaluate mts" : root.getCommandName());
    parts.addAll(root.getParseResult().originalArgs());
    return String.join(" ", parts);
  }

  /**
   * {@code git rev-parse HEAD} in the working directory, or null when git or a repository is
   * absent.
   */
  static String gitCommit() {
    try {
      Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
      String text;
      try (InputStream in = p.getInputStream()) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
      }
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0 || !text.matches("[0-9a-f]{40}")) {
        return null;
      }
      return text;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
