package io.augur.training.cli;

import io.augur.models.ensemble.Ensemble;
import io.augur.models.ensemble.EnsembleTrainer;
import io.augur.training.demo.DemoBundle;
import io.augur.training.sources.ChaosLabels;
import io.augur.training.sources.SourceHistory;
import io.augur.training.sources.SourceOptions;
import io.augur.training.sources.TimeArgs;
import io.augur.training.sources.TrainingPlan;
import io.augur.training.sources.TrainingSetBuilder;
import io.augur.training.sources.TrainingSource;
import io.augur.training.sources.TrainingSources;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code augur train}: read a source's history, turn it into labelled windows through the job's
 * feature layer (real labels where they exist, injected faults otherwise), train the three models
 * and the ensemble, write a versioned bundle and print a summary table.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description =
        "Train the isolation forest, LSTM and random forest and their calibrated ensemble; write a model bundle.")
public final class TrainCommand implements Callable<Integer> {

  @Option(
      names = "--source",
      defaultValue = "demo",
      description =
          "Training data: demo, nab, smd, prometheus (when registered). Default ${DEFAULT-VALUE}.")
  String source;

  @Option(
      names = "--input",
      split = ",",
      description = "nab: CSV files or directories of them; smd: the dataset directory.")
  List<Path> inputs;

  @Option(
      names = "--machines",
      split = ",",
      description = "smd: machines to read (default: every train/<machine>.txt).")
  List<String> machines;

  @Option(
      names = "--metrics",
      split = ",",
      description = "smd: columns m0..m37 to keep; prometheus: metric names (default: all read).")
  List<String> metrics;

  @Option(names = "--url", description = "prometheus: base URL, e.g. http://127.0.0.1:9090.")
  String url;

  @Option(
      names = "--match",
      description = "prometheus: series selector, repeatable, e.g. '{job=\"checkout\"}'.")
  List<String> match;

  @Option(
      names = "--start",
      description = "prometheus: range start: now-6h, 2026-11-26T00:00:00Z or epoch seconds.")
  String start;

  @Option(
      names = "--end",
      defaultValue = "now",
      description = "prometheus: range end (default ${DEFAULT-VALUE}).")
  String end;

  @Option(
      names = "--step",
      defaultValue = "15s",
      description = "Feature step; nab/smd replay one row a step (default ${DEFAULT-VALUE}).")
  String step;

  @Option(
      names = "--component-labels",
      split = ",",
      defaultValue = "job,instance",
      description = "prometheus: labels that identify a component (default ${DEFAULT-VALUE}).")
  List<String> componentLabels;

  @Option(
      names = "--max-steps",
      defaultValue = "0",
      description = "Keep at most this many steps per file or machine (0: all).")
  int maxSteps;

  @Option(
      names = "--labels",
      description =
          "Real labels: the label log (chaos-trigger's outcome log and `augur feedback` verdicts, JSON lines) or the windows file of `augur chaos labels`.")
  Path labels;

  @Option(
      names = "--inject",
      negatable = true,
      description =
          "Inject synthetic faults into unlabelled history (default: on, except for demo, which has real labels).")
  Boolean inject;

  @Option(
      names = "--segment-steps",
      defaultValue = "0",
      description =
          "Injection: segment length in steps (default 0: history / 72 segments, within 160..480).")
  int segmentSteps;

  @Option(
      names = "--train-seed",
      defaultValue = "7",
      description = "Seeds the injected faults and the trainer (default ${DEFAULT-VALUE}).")
  long trainSeed;

  @Option(names = "--out", description = "Bundle directory (default augur-out/models/<source>).")
  Path out;

  @Option(
      names = "--fleets",
      defaultValue = "4",
      description = "demo: simulated training fleets (default ${DEFAULT-VALUE}).")
  int fleets;

  @Option(
      names = "--hours",
      defaultValue = "8",
      description = "demo: simulated hours per fleet (default ${DEFAULT-VALUE}).")
  double hours;

  @Option(
      names = "--seed",
      defaultValue = "1000",
      description = "demo: first training fleet's seed (default ${DEFAULT-VALUE}).")
  long seed;

  private final TrainingSources sources;
  private final PrintStream console;
  private final EnsembleTrainer.Config trainer;

  public TrainCommand() {
    this(TrainingSources.defaults());
  }

  /** With more sources than the defaults (streaming-job adds {@code prometheus}). */
  public TrainCommand(TrainingSources sources) {
    this(sources, System.out, EnsembleTrainer.Config.defaults());
  }

  /** For tests: progress and summary to {@code console}, and a (smaller) trainer configuration. */
  public TrainCommand(
      TrainingSources sources, PrintStream console, EnsembleTrainer.Config trainer) {
    this.sources = sources;
    this.console = console;
    this.trainer = trainer;
  }

  @Override
  public Integer call() throws Exception {
    long stepMs = TimeArgs.duration("--step", step).toMillis();
    SourceOptions opts =
        new SourceOptions(
            inputs,
            machines,
            metrics,
            url,
            match,
            start,
            end,
            stepMs,
            componentLabels,
            maxSteps,
            fleets,
            hours,
            seed);
    TrainingPlan checked =
        TrainingPlan.defaults(true, trainSeed)
            .withSegmentSteps(segmentSteps); // bad options fail before any reading
    TrainingSource src = sources.create(source, opts);
    ConsoleProgress progress = new ConsoleProgress(console);
    long t0 = System.nanoTime();
    SourceHistory history = src.read(progress);
    if (labels != null) {
      history =
          history.withComponents(
              ChaosLabels.apply(labels, ChaosLabels.read(labels), history.components()));
    }
    boolean injecting = inject != null ? inject : !history.completeLabels();
    TrainingPlan plan = checked.withInject(injecting);
    TrainingSetBuilder.Result built = TrainingSetBuilder.build(history, plan, progress);
    if (built.stats().failing() == 0) {
      throw new IllegalArgumentException(
          "no failing windows in the "
              + source
              + " history ("
              + built.stats().normal()
              + " normal): "
              + (injecting
                  ? "every segment is too short to inject a fault; lower --segment-steps or give more history"
                  : "give --labels or drop --no-inject"));
    }
    Ensemble e;
    try {
      e = new EnsembleTrainer(trainer).train(built.set(), trainSeed, progress);
    } catch (IllegalArgumentException ex) {
      throw new IllegalArgumentException(
          "cannot train on this "
              + source
              + " history: "
              + ex.getMessage()
              + (injecting && ex.getMessage() != null && ex.getMessage().contains("components")
                  ? "; more segments help (lower --segment-steps)"
                  : ""),
          ex);
    }
    Path dir = out != null ? out : Path.of("augur-out", "models", source);
    DemoBundle.save(e, dir);
    TrainSummary.print(
        console, history, built.stats(), e, dir, injecting, (System.nanoTime() - t0) / 1e9);
    return 0;
  }
}
