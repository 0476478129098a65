package io.augur.evaluation.cli;

import io.augur.evaluation.nab.NabCorpus;
import io.augur.evaluation.nab.NabDataFile;
import io.augur.evaluation.nab.NabEvaluation;
import io.augur.evaluation.nab.NabProfile;
import io.augur.evaluation.nab.NabRunner;
import io.augur.evaluation.nab.ProfileScore;
import io.augur.evaluation.nab.StoredThresholds;
import io.augur.evaluation.nab.report.CurveCharts;
import io.augur.evaluation.nab.report.NabCurves;
import io.augur.evaluation.nab.report.NabReports;
import io.augur.evaluation.nab.report.PngCharts;
import io.augur.evaluation.univariate.DetectorRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code augur evaluate nab}: runs the chosen streaming detectors over NAB in streaming order,
 * writes their results in NAB's layout ({@code <out>/<detector>/<category>/<detector>_<file>.csv}),
 * scores them with the Java NAB scorer and writes {@code <out>/report.json}, {@code
 * <out>/report.md} and charts under {@code <out>/plots/}.
 */
@Command(
    name = "nab",
    mixinStandardHelpOptions = true,
    description =
        "Evaluate streaming detectors on the Numenta Anomaly Benchmark with NAB's own scoring.")
public final class EvaluateNabCommand implements Callable<Integer> {

  /**
   * Server-metric files drawn by default when present (SCOREBOARD/README: closest to failure
   * prediction).
   */
  public static final List<String> DEFAULT_PLOT_FILES =
      List.of(
          "realKnownCause/machine_temperature_system_failure.csv",
          "realAWSCloudwatch/ec2_cpu_utilization_825cc2.csv",
          "realKnownCause/ec2_request_latency_system_failure.csv");

  private final DetectorRegistry registry;

  @Spec CommandSpec spec;

  @Option(
      names = "--nab-dir",
      description = "NAB directory with data/ and labels/ (default: ${DEFAULT-VALUE})",
      defaultValue = "../shared/datasets/nab")
  Path nabDir;

  @Option(
      names = "--out",
      required = true,
      description = "Output directory for results and reports")
  Path out;

  @Option(
      names = "--detectors",
      split = ",",
      description = "Detectors to run (default: ${DEFAULT-VALUE})",
      defaultValue =
          "windowedGaussian,randomCutForest,augur,augur-iforest,augur-lstm,augur-rforest")
  List<String> detectors;

  @Option(
      names = "--profiles",
      split = ",",
      description = "NAB profiles to score (default: ${DEFAULT-VALUE})",
      defaultValue = "standard,reward_low_FP_rate,reward_low_FN_rate")
  List<String> profiles;

  @Option(
      names = "--results-dir",
      description =
          "Score existing results in NAB's layout from this directory for "
              + "detectors found there instead of running them (e.g. <nab-dir>/reference_results)")
  Path resultsDir;

  @Option(
      names = "--stored-thresholds",
      description =
          "Also score at NAB's stored thresholds "
              + "(config/thresholds.json): for results read from --results-dir and for ports of NAB's detectors "
              + "(windowedGaussian)")
  boolean storedThresholds;

  @Option(
      names = "--plot-files",
      split = ",",
      description =
          "Files (<category>/<name>.csv) to chart; default: "
              + "three server-metric files when present, else the first three files with windows")
  List<String> plotFiles;

  @Option(
      names = "--threads",
      defaultValue = "2",
      description = "Files scored in parallel (default: ${DEFAULT-VALUE})")
  int threads;

  /** With this module's detectors. */
  public EvaluateNabCommand() {
    this(DetectorRegistry.defaults());
  }

  /** With the detectors of {@code registry}, e.g. the defaults plus Augur's models. */
  public EvaluateNabCommand(DetectorRegistry registry) {
    this.registry = registry;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new EvaluateNabCommand()).execute(args));
  }

  @Override
  public Integer call() throws IOException {
    PrintStream err = System.err;
    List<NabProfile> chosen = profiles.stream().map(NabProfile::named).toList();
    NabCorpus corpus = NabCorpus.load(nabDir);
    for (String d : detectors) {
      boolean readable = resultsDir != null && Files.isDirectory(resultsDir.resolve(d));
      if (!readable) {
        registry.factory(d); // fails early, naming the known detectors
      }
    }
    err.printf(
        "NAB: %d files, %,d rows, %d windows; detectors %s%n",
        corpus.files().size(), corpus.rowCount(), corpus.windowCount(), detectors);
    Path thresholds = nabDir.resolve("config").resolve("thresholds.json");
    StoredThresholds stored =
        storedThresholds && Files.isRegularFile(thresholds)
            ? StoredThresholds.load(thresholds)
            : null;
    NabEvaluation evaluation =
        new NabEvaluation(corpus, registry, new NabRunner(threads, err), stored);
    List<NabEvaluation.DetectorResult> results =
        evaluation.evaluateAll(detectors, chosen, resultsDir, out, err);

    List<String> plots = new ArrayList<>();
    for (String file : filesToPlot(corpus)) {
      List<PngCharts.ScoreTrace> traces = new ArrayList<>();
      for (NabEvaluation.DetectorResult r : results) {
        traces.add(
            new PngCharts.ScoreTrace(
                r.detector(), r.scores().scores(file), r.optimised().get(0).threshold()));
      }
      String name = "plots/" + file.replace('/', '_').replace(".csv", ".png");
      PngCharts.seriesPlot(out.resolve(name), corpus.file(file), traces);
      plots.add(name);
    }
    Map<String, double[]> bars = new LinkedHashMap<>();
    for (NabEvaluation.DetectorResult r : results) {
      bars.put(
          r.detector(),
          r.optimised().stream().mapToDouble(ProfileScore::normalisedScore).toArray());
    }
    PngCharts.scoreBars(out.resolve("plots/nab_scores.png"), detectors, profiles, bars);
    plots.add(0, "plots/nab_scores.png");

    List<NabCurves> curves = results.stream().map(r -> NabCurves.of(corpus, r.scores())).toList();
    CurveCharts.draw(out.resolve("plots/nab_roc.png"), curves, false);
    CurveCharts.draw(out.resolve("plots/nab_pr.png"), curves, true);
    plots.add(1, "plots/nab_roc.png");
    plots.add(2, "plots/nab_pr.png");

    NabReports.RunInfo run =
        new NabReports.RunInfo(commandLine(), gitCommit(), Instant.now(), corpus, profiles, plots);
    NabReports.writeJson(out.resolve("report.json"), run, results, curves);
    NabReports.writeMarkdown(out.resolve("report.md"), run, results, curves);
    err.println("reports: " + out.resolve("report.json") + ", " + out.resolve("report.md"));
    return 0;
  }

  private List<String> filesToPlot(NabCorpus corpus) {
    List<String> known = corpus.files().stream().map(NabDataFile::relativePath).toList();
    if (plotFiles != null) {
      for (String f : plotFiles) {
        if (!known.contains(f)) {
          throw new IllegalArgumentException("--plot-files must name corpus files, got " + f);
        }
      }
      return plotFiles;
    }
    List<String> chosen = DEFAULT_PLOT_FILES.stream().filter(known::contains).toList();
    if (!chosen.isEmpty()) {
      return chosen;
    }
    return corpus.files().stream()
        .filter(f -> !f.windows().isEmpty())
        .limit(3)
        .map(NabDataFile::relativePath)
        .toList();
  }

  private String commandLine() {
    List<String> args =
        spec == null ? List.of() : spec.commandLine().getParseResult().originalArgs();
    return "augur evaluate nab " + String.join(" ", args);
  }

  /**
   * {@code git rev-parse HEAD} of the working directory, or null when git or the repository is
   * unavailable.
   */
  static String gitCommit() {
    try {
      Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
      String outText = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!p.waitFor(5, TimeUnit.SECONDS)
          || p.exitValue() != 0
          || !outText.matches("[0-9a-f]{40}")) {
        return null;
      }
      return outText;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
