package io.augur.training.retrain;

import io.augur.models.ensemble.EnsembleTrainer;
import io.augur.training.cli.ConsoleProgress;
import io.augur.training.sources.SourceHistory;
import io.augur.training.sources.SourceOptions;
import io.augur.training.sources.TimeArgs;
import io.augur.training.sources.TrainingSource;
import io.augur.training.sources.TrainingSources;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code augur retrain [--watch]}: one retraining round ({@link RetrainRound}), or rounds on a
 * schedule and/or when enough new outcomes arrived ({@link RetrainTrigger}), publishing into the
 * running job's model watch directory ({@link BundleStore}) only what {@link PublishRule} allows.
 */
@Command(
    name = "retrain",
    mixinStandardHelpOptions = true,
    description = {
      "Retrain from recent history plus experiment outcomes; publish the new bundle into the job's model watch directory only if it is not worse.",
      "",
      "A round: read the source's history (same sources as `augur train`), label it from --labels (see Labels), hold out "
          + "the newest --holdout share of the labelled windows (training windows end one 30-minute prediction horizon "
          + "before it), train a candidate on the rest, score candidate and current bundle (the newest in --watch-dir) "
          + "on the held-out windows and compare their AUC-PR (average precision; tied scores are one threshold).",
      "",
      "Publish rule: refused when the held-out windows hold fewer than --min-failing failing or --min-normal normal "
          + "windows; with a current bundle published iff AUC-PR(candidate) >= AUC-PR(current) - --tolerance (ties "
          + "publish); with none, published iff AUC-PR(candidate) > the share of failing held-out windows (chance); "
          + "refused when the current bundle cannot score the features or has the candidate's version. Every decision "
          + "and its reason is printed and appended to WATCH_DIR/.retrain/decisions.jsonl.",
      "",
      "Labels: a FAILED experiment (SLO breached, not recovered) is failing with its failure mode; a PASSED one is a "
          + "negative for that fault type on that service over the experiment's own span only, never overriding the "
          + "source's labels (not proof the service is healthy); an ABORTED one (abort condition fired and the fault was "
          + "reverted: mitigated after an alert, so unverifiable) is left out, neither failing nor normal; operator "
          + "false-positive verdicts are normal; true-positive verdicts (an alert somebody mitigated) are left out "
          + "unless --unverified-positives=include. Nothing is weighted.",
      "",
      "Publishing is atomic: the bundle is written under WATCH_DIR/.retrain/, its manifest dated after every other "
          + "bundle's, then renamed to WATCH_DIR/<version>; the newest --keep bundles stay, so --rollback returns to the "
          + "previous one. The job (run --model-watch-dir WATCH_DIR) hot-reloads the newest.",
      "",
      "Exit code: 0 published (or rolled back), 3 refused by the rule, 2 bad input.",
      ""
    })
public final class RetrainCommand implements Callable<Integer> {
  /** The exit code of a round the publish rule refused. */
  public static final int REFUSED = 3;

  @Option(
      names = "--watch-dir",
      required = true,
      description = "The job's model watch directory (augur run --model-watch-dir).")
  Path watchDir;

  @Option(
      names = "--labels",
      description =
          "The label log (.jsonl): chaos-trigger's outcome log and `augur feedback` verdicts. May not exist yet.")
  Path labels;

  @Option(
      names = "--watch",
      description = "Keep running: a round whenever --every and/or --min-new-outcomes says so.")
  boolean watch;

  @Option(
      names = "--every",
      description =
          "--watch: retrain when this long passed since the last round (ISO-8601, e.g. PT6H).")
  Duration every;

  @Option(
      names = "--min-new-outcomes",
      defaultValue = "0",
      description =
          "--watch: retrain when this many new outcomes/verdicts reached --labels since the last round (0: off).")
  int minNewOutcomes;

  @Option(
      names = "--poll",
      defaultValue = "PT30S",
      description = "--watch: how often to check the triggers (default ${DEFAULT-VALUE}).")
  Duration poll;

  @Option(
      names = "--rounds",
      defaultValue = "0",
      description = "--watch: stop after this many rounds (default 0: never).")
  int rounds;

  @Option(
      names = "--rollback",
      description =
          "Make the bundle before the current one current again (the current one moves to WATCH_DIR/.retrain/rolled-back/).")
  boolean rollback;

  @Option(
      names = "--current",
      description =
          "The bundle the job runs with while --watch-dir holds none (augur run --bundle).")
  Path current;

  @Option(
      names = "--holdout",
      defaultValue = "0.25",
      description = "Newest share of the labelled windows held out (default ${DEFAULT-VALUE}).")
  double holdout;

  @Option(
      names = "--tolerance",
      defaultValue = "0.0",
      description =
          "Publish when AUC-PR(candidate) >= AUC-PR(current) - this (default ${DEFAULT-VALUE}).")
  double tolerance;

  @Option(
      names = "--min-failing",
      defaultValue = "5",
      description = "Held-out failing windows needed to compare (default ${DEFAULT-VALUE}).")
  int minFailing;

  @Option(
      names = "--min-normal",
      defaultValue = "20",
      description = "Held-out normal windows needed to compare (default ${DEFAULT-VALUE}).")
  int minNormal;

  @Option(
      names = "--keep",
      defaultValue = "3",
      description =
          "Bundles kept in --watch-dir, the new one included, >= 2 (default ${DEFAULT-VALUE}).")
  int keep;

  @Option(
      names = "--unverified-positives",
      defaultValue = "exclude",
      description =
          "Operator true-positive verdicts: exclude (left out, default) or include (failing).")
  String unverifiedPositives;

  @Option(
      names = "--source",
      defaultValue = "demo",
      description = "Training data: demo, nab, smd, prometheus. Default ${DEFAULT-VALUE}.")
  String source;

  @Option(
      names = "--input",
      split = ",",
      description = "nab: CSV files or directories; smd: the dataset directory.")
  List<Path> inputs;

  @Option(names = "--machines", split = ",", description = "smd: machines to read.")
  List<String> machines;

  @Option(names = "--metrics", split = ",", description = "smd: columns; prometheus: metric names.")
  List<String> metrics;

  @Option(names = "--url", description = "prometheus: base URL, e.g. http://127.0.0.1:9090.")
  String url;

  @Option(names = "--match", description = "prometheus: series selector, repeatable.")
  List<String> match;

  @Option(
      names = "--start",
      defaultValue = "now-24h",
      description = "prometheus: range start, re-evaluated every round (default ${DEFAULT-VALUE}).")
  String start;

  @Option(
      names = "--end",
      defaultValue = "now",
      description = "prometheus: range end (default ${DEFAULT-VALUE}).")
  String end;

  @Option(
      names = "--step",
      defaultValue = "15s",
      description = "Feature step (default ${DEFAULT-VALUE}).")
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
      description = "Keep at most this many steps per file (0: all).")
  int maxSteps;

  @Option(
      names = "--fleets",
      defaultValue = "4",
      description = "demo: simulated fleets (default ${DEFAULT-VALUE}).")
  int fleets;

  @Option(
      names = "--hours",
      defaultValue = "8",
      description = "demo: hours per fleet (default ${DEFAULT-VALUE}).")
  double hours;

  @Option(
      names = "--seed",
      defaultValue = "1000",
      description = "demo: first fleet's seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--train-seed",
      defaultValue = "7",
      description = "Seeds the trainer (default ${DEFAULT-VALUE}).")
  long trainSeed;

  private final TrainingSources sources;
  private final PrintStream console;
  private final EnsembleTrainer.Config trainer;
  private final Clock clock;

  public RetrainCommand() {
    this(TrainingSources.defaults());
  }

  /** With more sources than the defaults (cli adds {@code prometheus}). */
  public RetrainCommand(TrainingSources sources) {
    this(sources, System.out, EnsembleTrainer.Config.defaults(), Clock.systemUTC());
  }

  /** For tests: console, a (smaller) trainer and a clock. */
  public RetrainCommand(
      TrainingSources sources, PrintStream console, EnsembleTrainer.Config trainer, Clock clock) {
    this.sources = sources;
    this.console = console;
    this.trainer = trainer;
    this.clock = clock;
  }

  @Override
  public Integer call() throws Exception {
    BundleStore store = new BundleStore(watchDir);
    if (rollback) {
      if (watch) {
        throw new IllegalArgumentException("--rollback is a one-off: give it without --watch");
      }
      Path now = store.rollback(clock);
      console.println("augur retrain: rolled back; current bundle is now " + now);
      return 0;
    }
    boolean include =
        switch (unverifiedPositives) {
          case "exclude" -> false;
          case "include" -> true;
          default ->
              throw new IllegalArgumentException(
                  "--unverified-positives must be exclude or include, got " + unverifiedPositives);
        };
    RetrainRound.Settings settings =
        new RetrainRound.Settings(
            holdout,
            new PublishRule(tolerance, minFailing, minNormal),
            keep,
            include,
            trainSeed,
            current);
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
    TrainingSource src = sources.create(source, opts); // bad options fail before any round
    if (!watch) {
      if (every != null || minNewOutcomes != 0 || rounds != 0) {
        throw new IllegalArgumentException("--every, --min-new-outcomes and --rounds need --watch");
      }
      RetrainRound.Report r = round(src, store, settings, "one-shot");
      new RetrainTrigger.State(clock.millis(), records()).write(statePath(store));
      return r.published() != null ? 0 : REFUSED;
    }
    RetrainTrigger trigger = new RetrainTrigger(every, minNewOutcomes);
    if (poll.isNegative() || poll.isZero() || rounds < 0) {
      throw new IllegalArgumentException(
          "--poll must be positive and --rounds >= 0, got " + poll + ", " + rounds);
    }
    console.println(
        "augur retrain: watching "
            + (labels == null ? "(no label log)" : labels)
            + " for "
            + store.root()
            + ": a round "
            + (every != null ? "every " + every : "")
            + (every != null && minNewOutcomes > 0 ? " or " : "")
            + (minNewOutcomes > 0 ? "after " + minNewOutcomes + " new outcome(s)" : "")
            + "; checked every "
            + poll);
    int done = 0;
    int last = 0;
    while (rounds == 0 || done < rounds) {
      RetrainTrigger.State state = RetrainTrigger.State.read(statePath(store));
      int seen = records();
      Optional<String> why = trigger.due(clock.millis(), state, seen);
      if (why.isPresent()) {
        try {
          RetrainRound.Report r = round(src, store, settings, why.get());
          last = r.published() != null ? 0 : REFUSED;
        } catch (IllegalArgumentException e) {
          // bad data this round (too few labels, say) is logged; the watcher keeps going
          console.println("augur retrain: round skipped: " + e.getMessage());
          last = REFUSED;
        }
        new RetrainTrigger.State(clock.millis(), seen).write(statePath(store));
        done++;
        continue;
      }
      try {
        Thread.sleep(poll.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        console.println("augur retrain: interrupted; stopping after " + done + " round(s)");
        break;
      }
    }
    return last;
  }

  private RetrainRound.Report round(
      TrainingSource src, BundleStore store, RetrainRound.Settings settings, String why)
      throws Exception {
    console.println("augur retrain: round (" + why + ")");
    long t0 = System.nanoTime();
    ConsoleProgress progress = new ConsoleProgress(console);
    SourceHistory history = src.read(progress);
    RetrainRound.Report r =
        RetrainRound.run(history, labels, store, settings, trainer, progress, clock);
    console.printf(
        "augur retrain: labels %s%naugur retrain: %s [%.1f s]%n",
        r.labels().describe(), r.line(), (System.nanoTime() - t0) / 1e9);
    return r;
  }

  private int records() {
    return HonestLabels.read(labels, false).counts().records();
  }

  private static Path statePath(BundleStore store) {
    return store.stateDir().resolve("state.json");
  }
}
