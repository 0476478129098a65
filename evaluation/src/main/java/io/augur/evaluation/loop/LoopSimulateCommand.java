package io.augur.evaluation.loop;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code augur loop simulate}: targeting strategies compared on the same seeded simulated fleets
 * and budgets ({@link LoopSimulation}), reported with 95 % confidence intervals over the seeds
 * ({@link LoopReport}).
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description =
        "Compare random, heuristic and Augur's predictive targeting (with and without outcome"
            + " feedback) on seeded simulated fleets; writes loop-report.md and loop-curves.png.")
public final class LoopSimulateCommand implements java.util.concurrent.Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--seeds", defaultValue = "20", description = "Fleets to simulate (default 20).")
  int seeds;

  @Option(names = "--first-seed", defaultValue = "1", description = "Seed of the first fleet.")
  long firstSeed;

  @Option(
      names = "--budget",
      defaultValue = "100",
      description = "Experiments per strategy and fleet (default 100).")
  int budget;

  @Option(names = "--per-round", defaultValue = "5", description = "Experiments per round.")
  int perRound;

  @Option(
      names = "--round-minutes",
      defaultValue = "30",
      description = "Simulated minutes between rounds.")
  int roundMinutes;

  @Option(names = "--services", defaultValue = "20", description = "Services per fleet (2-20).")
  int services;

  @Option(
      names = "--history-hours",
      defaultValue = "24",
      description = "Hours of history the initial bundle is trained on.")
  int historyHours;

  @Option(
      names = "--eval-hours",
      defaultValue = "12",
      description = "Hours after the experiments on which detection is judged.")
  int evalHours;

  @Option(
      names = "--retrain-every",
      defaultValue = "5",
      description = "Rounds between retrainings with outcome feedback.")
  int retrainEvery;

  @Option(
      names = "--precursor",
      defaultValue = "1.0",
      description =
          "Strength of the precursor episodes fragility shows in the metrics (0 = no trace).")
  double precursor;

  @Option(
      names = "--strategies",
      split = ",",
      defaultValue = "random,heuristic,predictive,feedback,oracle",
      description = "Strategies to run, of random, heuristic, predictive, feedback, oracle.")
  List<String> strategies;

  @Option(
      names = "--threads",
      defaultValue = "1",
      description = "Seeds simulated at once (default 1; each uses about one core).")
  int threads;

  @Option(
      names = "--out",
      defaultValue = "augur-out/loop",
      description = "Directory for the report, the chart and the outcome logs.")
  Path out;

  /**
   * Tribuo logs every tree it grows at INFO; a run grows thousands. Held so it is not collected.
   */
  private static final java.util.logging.Logger TRIBUO =
      java.util.logging.Logger.getLogger("org.tribuo");

  @Override
  public Integer call() throws Exception {
    TRIBUO.setLevel(java.util.logging.Level.WARNING);
    if (seeds < 1) {
      throw new IllegalArgumentException("--seeds must be >= 1, got " + seeds);
    }
    if (threads < 1 || threads > 64) {
      throw new IllegalArgumentException("--threads must be within [1, 64], got " + threads);
    }
    List<Strategy> chosen = new ArrayList<>();
    for (String s : strategies) {
      Strategy st = Strategy.fromId(s);
      if (!chosen.contains(st)) {
        chosen.add(st);
      }
    }
    LoopSimulation.Config config;
    try {
      config =
          new LoopSimulation.Config(
              services,
              budget,
              perRound,
              roundMinutes,
              historyHours,
              evalHours,
              retrainEvery,
              precursor,
              chosen,
              out.resolve("work"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--" + optionOf(e.getMessage()), e);
    }
    PrintWriter o = spec.commandLine().getOut();
    long t0 = System.nanoTime();
    LoopSimulation sim = new LoopSimulation(config);
    List<LoopSimulation.SeedResult> results = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<LoopSimulation.SeedResult>> futures = new ArrayList<>();
      for (int i = 0; i < seeds; i++) {
        long seed = firstSeed + i;
        futures.add(pool.submit(() -> sim.run(seed)));
      }
      for (Future<LoopSimulation.SeedResult> f : futures) {
        LoopSimulation.SeedResult r;
        try {
          r = f.get();
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException re) {
            throw re;
          }
          throw e;
        }
        results.add(r);
        o.printf(
            Locale.ROOT,
            "seed %d: %d weak pairs of %d; found %s; AUC-PR %s (%.0f s)%n",
            r.seed(),
            r.weakPairs(),
            r.pairs(),
            found(r),
            r.withFeedback() == null
                ? String.format(Locale.ROOT, "%.3f", r.withoutFeedback().aucPr())
                : String.format(
                    Locale.ROOT,
                    "%.3f -> %.3f",
                    r.withoutFeedback().aucPr(),
                    r.withFeedback().aucPr()),
            (System.nanoTime() - t0) / 1e9);
        o.flush();
      }
    } finally {
      pool.shutdownNow();
    }
    double wall = (System.nanoTime() - t0) / 1e9;
    LoopReport report = new LoopReport(config, results, wall, commandLine());
    List<Path> written = report.write(out);
    o.println();
    for (LoopReport.StrategyFigures f : report.figures().values()) {
      o.printf(
          Locale.ROOT,
          "%-45s weaknesses/experiment %s, first weakness after %s, outside blast radius %d%n",
          f.strategy().title(),
          f.rate().format(3),
          f.firstWeakness().format(1),
          f.outsideBlastRadius());
    }
    o.printf(Locale.ROOT, "hidden base rate %s%n", report.baseRate().format(3));
    if (config.strategies().contains(Strategy.FEEDBACK)) {
      o.printf(
          Locale.ROOT,
          "AUC-PR on later incidents: without outcomes %s, with %s, gain %s%n",
          report.aucPrWithout().format(3),
          report.aucPrWith().format(3),
          report.aucPrGain().format(4));
    }
    o.printf(Locale.ROOT, "wrote %s and %s in %.1f s%n", written.get(0), written.get(1), wall);
    return report.outsideBlastRadiusTotal() == 0 ? 0 : 1;
  }

  private static String found(LoopSimulation.SeedResult r) {
    StringBuilder b = new StringBuilder();
    r.runs()
        .forEach(
            (s, run) ->
                b.append(b.length() == 0 ? "" : ", ")
                    .append(s.id())
                    .append(' ')
                    .append(run.weaknessesFound()));
    return b.toString();
  }

  private static String optionOf(String message) {
    String field = message.split(" ", 2)[0];
    return field.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT)
        + (message.contains(" ") ? message.substring(field.length()) : "");
  }

  private String commandLine() {
    return String.format(
        Locale.ROOT,
        "./augur loop simulate --seeds %d --first-seed %d --budget %d --per-round %d"
            + " --round-minutes %d --services %d --history-hours %d --eval-hours %d"
            + " --retrain-every %d --precursor %s --strategies %s",
        seeds,
        firstSeed,
        budget,
        perRound,
        roundMinutes,
        services,
        historyHours,
        evalHours,
        retrainEvery,
        precursor,
        String.join(",", strategies));
  }
}
