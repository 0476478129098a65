package io.augur.evaluation.loop;

import io.augur.chart.TimeChart;
import io.augur.domain.Checks;
import io.augur.evaluation.loop.LoopSimulation.SeedResult;
import io.augur.evaluation.loop.LoopSimulation.StrategyRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The figures of a {@code loop simulate} run over its seeds, each with its 95 % confidence interval
 * ({@link Interval}), the targets judged from them, a Markdown report and the curves of
 * cumulative weaknesses found against experiments spent.
 */
public final class LoopReport {
  /** The budget at which the early rate is read (or the whole budget when smaller). */
  public static final int EARLY = 20;

  /** One strategy's figures over the seeds. */
  public record StrategyFigures(
      Strategy strategy,
      Interval rate,
      Interval earlyRate,
      Interval firstWeakness,
      int seedsWithoutWeakness,
      Interval found,
      Interval robustBreaches,
      int outsideBlastRadius,
      Interval fallbackShare,
      Map<String, Integer> refusals,
      double[] meanCurve) {}

  private final LoopSimulation.Config config;
  private final List<SeedResult> seeds;
  private final double wallSeconds;
  private final String command;
  private final Map<Strategy, StrategyFigures> figures = new LinkedHashMap<>();

  public LoopReport(
      LoopSimulation.Config config, List<SeedResult> seeds, double wallSeconds, String command) {
    this.config = Checks.nonNull("config", config);
    this.seeds = List.copyOf(Checks.noNullElements("seeds", seeds));
    if (seeds.isEmpty()) {
      throw new IllegalArgumentException("a report needs at least one seed");
    }
    this.wallSeconds = wallSeconds;
    this.command = command == null ? "" : command;
    for (Strategy s : config.strategies()) {
      figures.put(s, figures(s));
    }
  }

  public List<SeedResult> seeds() {
    return seeds;
  }

  public Map<Strategy, StrategyFigures> figures() {
    return figures;
  }

  public StrategyFigures of(Strategy s) {
    StrategyFigures f = figures.get(s);
    if (f == null) {
      throw new IllegalArgumentException("strategy " + s.id() + " was not run");
    }
    return f;
  }

  /** The hidden base rate (what random should find per experiment), over the seeds. */
  public Interval baseRate() {
    return over(SeedResult::baseRate);
  }

  public Interval aucPrWithout() {
    return over(r -> r.withoutFeedback() == null ? Double.NaN : r.withoutFeedback().aucPr());
  }

  public Interval aucPrWith() {
    return over(r -> r.withFeedback() == null ? Double.NaN : r.withFeedback().aucPr());
  }

  /** Per seed: AUC-PR with the outcomes fed back minus without. */
  public Interval aucPrGain() {
    return over(
        r ->
            r.withFeedback() == null
                ? Double.NaN
                : r.withFeedback().aucPr() - r.withoutFeedback().aucPr());
  }

  public Interval leadWithout() {
    return over(
        r -> r.withoutFeedback() == null ? Double.NaN : r.withoutFeedback().medianLeadMinutes());
  }

  public Interval leadWith() {
    return over(r -> r.withFeedback() == null ? Double.NaN : r.withFeedback().medianLeadMinutes());
  }

  /** Per seed: {@code a}'s weaknesses per experiment minus {@code b}'s. */
  public Interval rateDifference(Strategy a, Strategy b) {
    return over(r -> rate(r.runs().get(a)) - rate(r.runs().get(b)));
  }

  /** Mean of {@code a}'s rate over the mean of {@code b}'s. */
  public double rateRatio(Strategy a, Strategy b) {
    return of(a).rate().mean() / of(b).rate().mean();
  }

  public int outsideBlastRadiusTotal() {
    return figures.values().stream().mapToInt(StrategyFigures::outsideBlastRadius).sum();
  }

  private StrategyFigures figures(Strategy s) {
    List<StrategyRun> runs = seeds.stream().map(r -> r.runs().get(s)).toList();
    int none = (int) runs.stream().filter(r -> r.firstWeakness() == 0).count();
    List<Map<String, Integer>> refusals = runs.stream().map(StrategyRun::refusals).toList();
    int longest = runs.stream().mapToInt(StrategyRun::experiments).max().orElse(0);
    double[] curve = new double[longest];
    for (int k = 0; k < longest; k++) {
      double sum = 0;
      int n = 0;
      for (StrategyRun r : runs) {
        if (r.experiments() > k) {
          sum += r.cumulativeWeaknesses()[k];
          n++;
        }
      }
      curve[k] = sum / n;
    }
    return new StrategyFigures(
        s,
        Interval.of(runs.stream().mapToDouble(LoopReport::rate).toArray()),
        Interval.of(runs.stream().mapToDouble(r -> r.rateAt(EARLY)).toArray()),
        Interval.of(
            runs.stream()
                .mapToDouble(r -> r.firstWeakness() == 0 ? Double.NaN : r.firstWeakness())
                .toArray()),
        none,
        Interval.of(runs.stream().mapToDouble(StrategyRun::weaknessesFound).toArray()),
        Interval.of(runs.stream().mapToDouble(StrategyRun::robustBreaches).toArray()),
        runs.stream().mapToInt(StrategyRun::outsideBlastRadius).sum(),
        Interval.of(
            runs.stream()
                .mapToDouble(
                    r ->
                        r.experiments() == 0
                            ? Double.NaN
                            : r.experimentsByFallback() / (double) r.experiments())
                .toArray()),
        LoopSimulation.mergeCounts(refusals),
        curve);
  }

  static double rate(StrategyRun r) {
    return r == null || r.experiments() == 0
        ? Double.NaN
        : r.weaknessesFound() / (double) r.experiments();
  }

  private Interval over(ToDoubleFunction<SeedResult> f) {
    return Interval.of(seeds.stream().mapToDouble(f).toArray());
  }

  // ---------------------------------------------------------------- output

  /** Writes {@code loop-report.md} and {@code loop-curves.png} into {@code dir}. */
  public List<Path> write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path png = dir.resolve("loop-curves.png");
    chart().writePng(png);
    Path md = dir.resolve("loop-report.md");
    Files.writeString(md, markdown(png.getFileName().toString()));
    return List.of(md, png);
  }

  TimeChart chart() {
    int longest = figures.values().stream().mapToInt(f -> f.meanCurve().length).max().orElse(1);
    TimeChart c =
        new TimeChart(
                String.format(
                    Locale.ROOT,
                    "Weaknesses found vs experiments spent (mean over %d seeds, budget %d)",
                    seeds.size(),
                    config.budget()),
                0,
                Math.max(1, longest) * 1000L,
                1000,
                420)
            .yLabel("weaknesses found (cumulative)")
            .xAxisUnit(" exp");
    int colour = 0;
    for (StrategyFigures f : figures.values()) {
      List<TimeChart.Point> pts = new ArrayList<>();
      pts.add(new TimeChart.Point(0, 0));
      for (int k = 0; k < f.meanCurve().length; k++) {
        pts.add(new TimeChart.Point((k + 1) * 1000L, f.meanCurve()[k]));
      }
      c.line(f.strategy().title(), pts, TimeChart.PALETTE[colour++ % TimeChart.PALETTE.length]);
    }
    return c;
  }

  public String markdown(String pngName) {
    StringBuilder b = new StringBuilder();
    b.append("# Closed loop: targeting strategies compared (`augur loop simulate`)\n\n");
    b.append("Command: `").append(command).append("`  \n");
    b.append(
        String.format(
            Locale.ROOT,
            "Seeds %d (%d..%d), budget %d experiments per strategy and seed, %d per round every %d"
                + " simulated minutes, %d services x %d fault types = %d pairs, precursor strength"
                + " %.2f, %d h of history to train on, detection judged on the last %d h. Wall"
                + " time %.1f s.%n%n",
            seeds.size(),
            seeds.get(0).seed(),
            seeds.get(seeds.size() - 1).seed(),
            config.budget(),
            config.perRound(),
            config.roundMinutes(),
            config.services(),
            Telemetry.TYPES.size(),
            seeds.get(0).pairs(),
            config.precursor(),
            config.historyHours(),
            config.evalHours(),
            wallSeconds));
    b.append("Every figure: mean over seeds and its 95 % confidence interval (Student's t, n-1 ")
        .append("degrees of freedom). A weakness is a (service, fault type) pair whose hidden ")
        .append("fragility is >= 0.5; it is found when an experiment on it breaches the SLO. Each ")
        .append("pair is tried at most once per strategy.\n\n");

    b.append("## Targeting\n\n");
    b.append(
        "| strategy | weaknesses / experiment | same, first "
            + EARLY
            + " | weaknesses found | experiments to first weakness | breaches on robust pairs | breaches outside blast radius | fallback share |\n");
    b.append("|---|---|---|---|---|---|---|---|\n");
    for (StrategyFigures f : figures.values()) {
      b.append("| ")
          .append(f.strategy().title())
          .append(" | ")
          .append(f.rate().format(3))
          .append(" | ")
          .append(f.earlyRate().format(3))
          .append(" | ")
          .append(f.found().format(1))
          .append(" | ")
          .append(f.firstWeakness().format(1))
          .append(
              f.seedsWithoutWeakness() > 0 ? " (" + f.seedsWithoutWeakness() + " seeds none)" : "")
          .append(" | ")
          .append(f.robustBreaches().format(1))
          .append(" | ")
          .append(f.outsideBlastRadius())
          .append(" | ")
          .append(f.fallbackShare().format(2))
          .append(" |\n");
    }
    b.append(
        String.format(
            Locale.ROOT,
            "%nHidden base rate (weaknesses per experiment random targeting should find): %s. "
                + "Weak pairs per fleet: %s of %d.%n%n",
            baseRate().format(3),
            over(r -> r.weakPairs()).format(1),
            seeds.get(0).pairs()));
    b.append("![cumulative weaknesses](").append(pngName).append(")\n\n");

    b.append("## Targets\n\n");
    targets(b);

    if (figures.containsKey(Strategy.FEEDBACK)) {
      b.append("\n## Detection of later natural incidents\n\n");
      b.append("| bundle | AUC-PR | median lead time (min) | incidents detected / in period |\n");
      b.append("|---|---|---|---|\n");
      b.append("| initial (no outcomes) | ")
          .append(aucPrWithout().format(3))
          .append(" | ")
          .append(leadWithout().format(1))
          .append(" | ")
          .append(sum(r -> r.withoutFeedback().detected()))
          .append(" / ")
          .append(sum(r -> r.withoutFeedback().incidents()))
          .append(" |\n");
      b.append("| retrained with outcome labels | ")
          .append(aucPrWith().format(3))
          .append(" | ")
          .append(leadWith().format(1))
          .append(" | ")
          .append(sum(r -> r.withFeedback().detected()))
          .append(" / ")
          .append(sum(r -> r.withFeedback().incidents()))
          .append(" |\n");
      b.append("\nAUC-PR gain per seed (with minus without): ")
          .append(aucPrGain().format(4))
          .append(". Windows every 2 minutes of every service; positive: in an incident's ")
          .append("warning window (onset to failure); the outage and 10 minutes after it are left ")
          .append("out. Lead time: failure minus the first window at or above the alert ")
          .append("threshold (0.7) inside the warning window.\n");
    }

    b.append("\n## Refusals by the safety gates (summed over seeds)\n\n");
    b.append("| strategy | refused | reasons |\n|---|---|---|\n");
    for (StrategyFigures f : figures.values()) {
      int total = f.refusals().values().stream().mapToInt(Integer::intValue).sum();
      b.append("| ")
          .append(f.strategy().title())
          .append(" | ")
          .append(total)
          .append(" | ")
          .append(f.refusals().isEmpty() ? "none" : f.refusals().toString())
          .append(" |\n");
    }
    b.append("\nA refused plan costs no budget; the strategy takes its next candidate.\n");

    b.append("\n## Per seed\n\n| seed | weak pairs | base rate | history incidents | ");
    for (Strategy s : figures.keySet()) {
      b.append(s.id()).append(" found | ");
    }
    b.append("AUC-PR without | with |\n|---|---|---|---|");
    b.append("---|".repeat(figures.size())).append("---|---|\n");
    for (SeedResult r : seeds) {
      b.append(
          String.format(
              Locale.ROOT,
              "| %d | %d | %.3f | %d | ",
              r.seed(),
              r.weakPairs(),
              r.baseRate(),
              r.historyIncidents()));
      for (Strategy s : figures.keySet()) {
        b.append(r.runs().get(s).weaknessesFound()).append(" | ");
      }
      b.append(
          r.withoutFeedback() == null
              ? "n/a | "
              : String.format(Locale.ROOT, "%.3f | ", r.withoutFeedback().aucPr()));
      b.append(
          r.withFeedback() == null
              ? "n/a |\n"
              : String.format(Locale.ROOT, "%.3f |\n", r.withFeedback().aucPr()));
    }
    b.append("\n").append(ASSUMPTIONS);
    return b.toString();
  }

  private void targets(StringBuilder b) {
    if (figures.containsKey(Strategy.PREDICTIVE) && figures.containsKey(Strategy.RANDOM)) {
      double ratio = rateRatio(Strategy.PREDICTIVE, Strategy.RANDOM);
      b.append(
          String.format(
              Locale.ROOT,
              "- Predictive >= 3x random's weaknesses per experiment: **%s**, %.2fx (difference per"
                  + " seed %s).",
              ratio >= 3 ? "met" : "missed",
              ratio,
              rateDifference(Strategy.PREDICTIVE, Strategy.RANDOM).format(3)));
      if (figures.containsKey(Strategy.ORACLE)) {
        b.append(
            String.format(
                Locale.ROOT,
                " The oracle, which reads the hidden fragility, reaches %.2fx at this budget: the"
                    + " most any strategy can.",
                rateRatio(Strategy.ORACLE, Strategy.RANDOM)));
      }
      b.append(
          String.format(
              Locale.ROOT,
              " In the first %d experiments: predictive %.3f, random %.3f (%.2fx).%n",
              Math.min(EARLY, config.budget()),
              of(Strategy.PREDICTIVE).earlyRate().mean(),
              of(Strategy.RANDOM).earlyRate().mean(),
              of(Strategy.PREDICTIVE).earlyRate().mean() / of(Strategy.RANDOM).earlyRate().mean()));
    }
    if (figures.containsKey(Strategy.PREDICTIVE) && figures.containsKey(Strategy.HEURISTIC)) {
      Interval p = of(Strategy.PREDICTIVE).rate();
      Interval h = of(Strategy.HEURISTIC).rate();
      boolean met = p.mean() > h.mean() && !p.overlaps(h);
      b.append(
          String.format(
              Locale.ROOT,
              "- Predictive beats the heuristic with non-overlapping intervals: **%s** (%s vs %s;"
                  + " paired difference %s).%n",
              met ? "met" : "missed",
              p.format(3),
              h.format(3),
              rateDifference(Strategy.PREDICTIVE, Strategy.HEURISTIC).format(3)));
    }
    if (figures.containsKey(Strategy.FEEDBACK)) {
      Interval g = aucPrGain();
      boolean met = g.mean() > 0 && g.excludesZero();
      b.append(
          String.format(
              Locale.ROOT,
              "- Outcome feedback raises AUC-PR on later incidents, interval excluding zero:"
                  + " **%s** (gain %s).%n",
              met ? "met" : "missed",
              g.format(4)));
    }
    b.append(
        String.format(
            Locale.ROOT,
            "- Breaches outside the allowed blast radius: **%d** (must be 0).%n",
            outsideBlastRadiusTotal()));
  }

  private int sum(ToDoubleFunction<SeedResult> f) {
    return (int) seeds.stream().mapToDouble(f).sum();
  }

  static final String ASSUMPTIONS =
      """
      ## What the simulation assumes

      - **Fragility leaves a trace before any fault (the assumption everything rests on).** A
        service fragile to a fault type shows short strain episodes (6-14 min, +0.12-0.3) in that
        type's signal (CPU for cpu-spike, memory for memory-stress, disk for disk-fault, p99
        latency for latency-injection, errors for dependency-failure, connection-pool use for
        replication-lag) at `precursor x 3 x fragility` per hour. Real services need not behave
        so; with `--precursor 0` there is no trace, and nothing should beat random.
      - Natural incidents happen on a pair at `0.05 x fragility` per hour: a 20-40 min ramp of
        the type's signal by +0.8-1.2 (the warning window), then an 8 min outage (errors +0.5). The initial
        bundle is trained on the first hours of them, labelled as `augur train` labels real ones.
      - A busy service runs hotter on every signal whatever its fragility (a confounder for any
        rule that reads levels); signals wander slowly and carry white noise.
      - The planner never reads the fragility: predictive targeting sees the ensemble's
        predictions (isolation forest + random forest, the ensemble's stacking and calibration,
        cross-fitted with 2 folds to keep 20 seeds within minutes) of 8-minute windows of the
        six signals (value, 5-min change, 10-min spread), ranked by the real `TargetRanker`;
        the fault type is the predicted failure mode's (`ExperimentType.forFailureMode`). The
        heuristic reads CPU, memory and errors only, z-scored against each service's own last
        hour, threshold 2, the type following the signal. Both fall back to a random untried
        pair when their own candidates are exhausted or refused (the fallback share above).
      - Every experiment, whichever strategy chose it, is planned by `ChaosPlanner`, judged by
        `SafetyGates` (allowlist, blast radius 5 %, health read off the simulated fleet,
        predicted-failure ceiling 0.9 which needs a human: none is simulated, so such plans are
        refused), run by `ExperimentEngine` with the `SimulatedExecutor` and logged in a real
        `OutcomeLog`; outcome labels come from `OutcomeLabeller` (5-min baseline normal, the
        fault window failing when it breached, normal when it passed).
      - Whether an experiment breaches is drawn from the pair's hidden fragility when injected
        (`SimulatedFleet`); a breach shows on the target (its signal +0.4, errors +0.5) and its
        callers (+0.02 errors, within their SLO). "Outside the blast radius" counts any other
        service over 5 % errors while a fault is in, a plan above the blast limit, or two faults
        at once.
      """;
}
