package io.augur.evaluation.loop;

import io.augur.chaos.catalogue.ExperimentType;
import io.augur.chaos.exec.Executor;
import io.augur.chaos.exec.ExperimentEngine;
import io.augur.chaos.exec.FaultJournal;
import io.augur.chaos.exec.FaultStatus;
import io.augur.chaos.exec.InjectedFault;
import io.augur.chaos.exec.RunResult;
import io.augur.chaos.experiment.PlannedExperiment;
import io.augur.chaos.loop.OutcomeLabeller;
import io.augur.chaos.loop.OutcomeLog;
import io.augur.chaos.plan.ChaosPlanner;
import io.augur.chaos.safety.ApprovedPlan;
import io.augur.chaos.safety.GateDecision;
import io.augur.chaos.safety.HealthGate;
import io.augur.chaos.safety.PreflightCheck;
import io.augur.chaos.safety.SafetyGates;
import io.augur.chaos.safety.SafetyPolicy;
import io.augur.chaos.sim.SimulatedExecutor;
import io.augur.chaos.sim.SimulatedFleet;
import io.augur.chaos.sim.SimulatedTime;
import io.augur.chaos.targeting.ExperimentHistory;
import io.augur.chaos.targeting.RankedTarget;
import io.augur.chaos.targeting.RankingConfig;
import io.augur.chaos.targeting.TargetRanker;
import io.augur.chaos.targeting.Topology;
import io.augur.domain.Checks;
import io.augur.domain.ExperimentOutcome;
import io.augur.domain.FailurePrediction;
import io.augur.evaluation.metrics.RankingMetrics;
import io.augur.evaluation.metrics.ScoredLabels;
import io.augur.fleet.FailureMode;
import io.augur.models.ComponentWindow;
import io.augur.models.LabelledWindow;
import io.augur.models.ProgressListener;
import io.augur.models.TrainingSet;
import io.augur.models.ensemble.Ensemble;
import io.augur.models.ensemble.EnsembleConfig;
import io.augur.models.ensemble.EnsembleTrainer;
import io.augur.models.forest.RandomForestModel;
import io.augur.models.iforest.IsolationForestModel;
import io.augur.models.lstm.LstmModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * One seed of {@code augur loop simulate}: a {@link SimulatedFleet} and its {@link Telemetry}; an
 * ensemble trained on the telemetry's first {@code historyHours} (natural incidents labelled, as
 * {@code augur train} labels real ones); then each {@link Strategy} on its own copy of the fleet
 * (same fragilities, same signals) spends the same budget of experiments in rounds. Every
 * experiment, whatever chose it, is planned by the real {@link ChaosPlanner}, judged by the real
 * {@link SafetyGates} (namespace, blast radius, health read off the fleet, the predicted-failure
 * ceiling) and run by the real {@link ExperimentEngine} with a {@link SimulatedExecutor}; outcomes
 * land in a real {@link OutcomeLog}.
 *
 * <p>Per strategy: each (service, fault type) pair is tried at most once (so random's expected
 * weaknesses per experiment is exactly the hidden base rate, the mean over all pairs of the
 * fragility of weak ones). A weakness is a pair of hidden fragility >= 0.5; it is found when an
 * experiment on it breaches the SLO. The predictive strategies rank the ensemble's latest
 * prediction per service with {@link TargetRanker} ({@code p (1 + U) R B}) and take the fault type
 * of the predicted failure mode ({@link ExperimentType#forFailureMode}); when the top ranks are all
 * tried, or the mode is unknown, they fall back to a random untried pair, like the others. FEEDBACK
 * retrains every {@code retrainEvery} rounds on the history plus the outcome log through {@link
 * OutcomeLabeller}; after the last round it retrains once more, and that bundle and the initial one
 * are scored on the natural incidents of the last {@code evalHours}, after every experiment.
 */
public final class LoopSimulation {
  public static final String NAMESPACE = "loop-sim";
  public static final double WEAK = 0.5;

  /**
   * The simulated on-call approver: signs off a plan whose only reason to need a human is its blast
   * radius (above 2 %, within the 5 % limit); never one Augur predicts to fail on its own.
   */
  public static final String OPERATOR = "sim-operator";

  /** The heuristic's threshold on the z-score of CPU, memory and errors against the last hour. */
  public static final double Z_THRESHOLD = 2.0;

  private static final int[] HEURISTIC_SIGNALS = {0, 1, Telemetry.ERRORS};

  /**
   * @param perRound experiments per round (the planner's max targets)
   * @param roundMinutes simulated minutes between the starts of two rounds
   * @param retrainEvery rounds between retrainings of the FEEDBACK strategy
   * @param precursor strength of the precursor episodes (see {@link Telemetry}); 0 = none
   */
  public record Config(
      int services,
      int budget,
      int perRound,
      int roundMinutes,
      int historyHours,
      int evalHours,
      int retrainEvery,
      double precursor,
      List<Strategy> strategies,
      Path workDir) {
    public Config {
      range("services", services, 2, 20);
      range("budget", budget, 1, 20 * Telemetry.TYPES.size());
      range("perRound", perRound, 1, 20);
      range("roundMinutes", roundMinutes, 10, 24 * 60);
      range("historyHours", historyHours, 2, 24 * 14);
      range("evalHours", evalHours, 1, 24 * 14);
      range("retrainEvery", retrainEvery, 1, 1000);
      if (!(precursor >= 0 && precursor <= 10)) {
        throw new IllegalArgumentException("precursor must be within [0, 10], got " + precursor);
      }
      strategies = List.copyOf(Checks.noNullElements("strategies", strategies));
      if (strategies.isEmpty()) {
        throw new IllegalArgumentException("strategies must name at least one strategy");
      }
      Checks.nonNull("workDir", workDir);
      if (budget > services * Telemetry.TYPES.size()) {
        throw new IllegalArgumentException(
            "budget "
                + budget
                + " is more than the "
                + services * Telemetry.TYPES.size()
                + " (service, fault type) pairs of "
                + services
                + " services");
      }
    }

    public static Config defaults(Path workDir) {
      return new Config(20, 100, 5, 30, 24, 12, 5, 1.0, Strategy.all(), workDir);
    }

    /** Rounds the experiment phase may take (twice what the budget needs, for refusals). */
    public int maxRounds() {
      return 2 * ((budget + perRound - 1) / perRound);
    }

    int historyMinutes() {
      return historyHours * 60;
    }

    int evalStartMinute() {
      return historyMinutes() + maxRounds() * roundMinutes + 60;
    }

    int totalMinutes() {
      return evalStartMinute() + evalHours * 60;
    }

    private static void range(String name, int v, int lo, int hi) {
      if (v < lo || v > hi) {
        throw new IllegalArgumentException(
            name + " must be within [" + lo + ", " + hi + "], got " + v);
      }
    }
  }

  /** One strategy's run on one seed. */
  public record StrategyRun(
      Strategy strategy,
      int[] cumulativeWeaknesses,
      int firstWeakness,
      int weakBreaches,
      int robustBreaches,
      int outsideBlastRadius,
      int experimentsByFallback,
      Map<String, Integer> refusals) {
    public int experiments() {
      return cumulativeWeaknesses.length;
    }

    public int weaknessesFound() {
      return experiments() == 0 ? 0 : cumulativeWeaknesses[experiments() - 1];
    }

    /** Weaknesses found per experiment after the first {@code k} experiments. */
    public double rateAt(int k) {
      int n = Math.min(k, experiments());
      return n == 0 ? Double.NaN : cumulativeWeaknesses[n - 1] / (double) n;
    }
  }

  /** How well one bundle detects the natural incidents of the evaluation period. */
  public record Detection(
      double aucPr,
      double medianLeadMinutes,
      int incidents,
      int detected,
      int windows,
      int positives) {}

  /** Everything measured on one seed. */
  public record SeedResult(
      long seed,
      int pairs,
      int weakPairs,
      double baseRate,
      int historyIncidents,
      Map<Strategy, StrategyRun> runs,
      Detection withoutFeedback,
      Detection withFeedback,
      double initialValidationAuc) {}

  private final Config config;

  public LoopSimulation(Config config) {
    this.config = Checks.nonNull("config", config);
  }

  public Config config() {
    return config;
  }

  public SeedResult run(long seed) {
    SimulatedFleet fleet = SimulatedFleet.generate(seed, config.services(), NAMESPACE);
    long startMs = Instant.parse("2026-01-05T00:00:00Z").toEpochMilli();
    Telemetry telemetry = new Telemetry(fleet, startMs, config.totalMinutes(), config.precursor());
    List<LabelledWindow> history = historyWindows(telemetry);
    Ensemble initial = train(history, seed);
    Map<Strategy, StrategyRun> runs = new EnumMap<>(Strategy.class);
    Ensemble fed = null;
    for (Strategy s : config.strategies()) {
      Run r = new Run(seed, s, telemetry, initial, history);
      runs.put(s, r.execute());
      if (s == Strategy.FEEDBACK) {
        fed = r.model;
      }
    }
    Detection without = detection(telemetry, initial);
    Detection with = fed == null ? null : detection(telemetry, fed);
    int pairs = fleet.services().size() * Telemetry.TYPES.size();
    double sum = 0;
    int weak = 0;
    for (SimulatedFleet.Service svc : fleet.services()) {
      for (ExperimentType t : Telemetry.TYPES) {
        double f = fleet.fragility(svc.name(), t.id());
        if (f >= WEAK) {
          weak++;
          sum += f;
        }
      }
    }
    int historyIncidents =
        (int)
            telemetry.incidents().stream()
                .filter(i -> i.failureMinute() < config.historyMinutes())
                .count();
    return new SeedResult(
        seed,
        pairs,
        weak,
        sum / pairs,
        historyIncidents,
        runs,
        without,
        with,
        initial.validation().getOrDefault("auc", Double.NaN));
  }

  // ---------------------------------------------------------------- training and detection

  /**
   * Labelled windows of the history: warning windows failing, outages left out, the rest normal.
   */
  List<LabelledWindow> historyWindows(Telemetry telemetry) {
    Telemetry.View v = telemetry.view();
    List<LabelledWindow> out = new ArrayList<>();
    for (SimulatedFleet.Service s : telemetry.fleet().services()) {
      for (int t = Telemetry.FIRST_MINUTE; t < config.historyMinutes(); t++) {
        Telemetry.Incident inc = incidentAt(telemetry, s.name(), t);
        if (inc == null) {
          if (t % 3 == 0) {
            out.add(LabelledWindow.normal(v.window(s.name(), t)));
          }
        } else if (t >= inc.onsetMinute() + (inc.failureMinute() - inc.onsetMinute()) / 4
            && t < inc.failureMinute()) {
          out.add(
              LabelledWindow.failing(
                  v.window(s.name(), t), inc.mode(), telemetry.msOf(inc.failureMinute())));
        }
      }
    }
    return out;
  }

  /** The incident of {@code service} whose span (onset to 10 minutes after its end) holds t. */
  static Telemetry.Incident incidentAt(Telemetry telemetry, String service, int t) {
    for (Telemetry.Incident i : telemetry.incidents()) {
      if (i.service().equals(service) && t >= i.onsetMinute() && t < i.endMinute() + 10) {
        return i;
      }
    }
    return null;
  }

  static EnsembleTrainer.Config trainerConfig() {
    return new EnsembleTrainer.Config(
            Set.of(IsolationForestModel.NAME, RandomForestModel.NAME),
            new IsolationForestModel.Params(50, 256, Telemetry.WINDOW),
            new RandomForestModel.Params(20, 6, 0.5, Telemetry.WINDOW),
            LstmModel.Params.defaults(LstmModel.Mode.HORIZON),
            null,
            2000,
            EnsembleConfig.defaults())
        .withFolds(2);
  }

  static Ensemble train(List<LabelledWindow> labelled, long seed) {
    TrainingSet set = new TrainingSet(Telemetry.SCHEMA, labelled, List.of());
    return new EnsembleTrainer(trainerConfig()).train(set, seed, ProgressListener.NONE);
  }

  Detection detection(Telemetry telemetry, Ensemble model) {
    Telemetry.View v = telemetry.view();
    List<ComponentWindow> windows = new ArrayList<>();
    List<Boolean> labels = new ArrayList<>();
    List<Telemetry.Incident> incidentOf = new ArrayList<>();
    List<Integer> minuteOf = new ArrayList<>();
    int from = config.evalStartMinute();
    for (SimulatedFleet.Service s : telemetry.fleet().services()) {
      for (int t = from; t < telemetry.minutes(); t += 2) {
        Telemetry.Incident inc = incidentAt(telemetry, s.name(), t);
        if (inc != null && t >= inc.failureMinute()) {
          continue; // the outage and its recovery: neither a warning nor normal
        }
        windows.add(v.window(s.name(), t));
        labels.add(inc != null);
        incidentOf.add(inc);
        minuteOf.add(t);
      }
    }
    double[] p = model.probabilities(windows);
    boolean[] y = new boolean[labels.size()];
    int positives = 0;
    for (int i = 0; i < y.length; i++) {
      y[i] = labels.get(i);
      positives += y[i] ? 1 : 0;
    }
    double ap =
        positives == 0 ? Double.NaN : RankingMetrics.averagePrecision(new ScoredLabels(p, y));
    Map<Telemetry.Incident, Integer> firstAlert = new HashMap<>();
    Set<Telemetry.Incident> incidents = new HashSet<>();
    double alertAt = model.config().mediumAt();
    for (int i = 0; i < p.length; i++) {
      Telemetry.Incident inc = incidentOf.get(i);
      if (inc != null && inc.onsetMinute() >= from) {
        incidents.add(inc);
        if (p[i] >= alertAt) {
          firstAlert.merge(inc, minuteOf.get(i), Math::min);
        }
      }
    }
    double[] leads =
        firstAlert.entrySet().stream()
            .mapToDouble(e -> e.getKey().failureMinute() - e.getValue())
            .sorted()
            .toArray();
    double median =
        leads.length == 0
            ? Double.NaN
            : leads.length % 2 == 1
                ? leads[leads.length / 2]
                : (leads[leads.length / 2 - 1] + leads[leads.length / 2]) / 2;
    return new Detection(ap, median, incidents.size(), leads.length, y.length, positives);
  }

  // ---------------------------------------------------------------- one strategy's loop

  private record Pair(String service, ExperimentType type) {}

  private record Choice(Pair pair, FailurePrediction prediction, boolean fallback) {}

  private final class Run {
    final long seed;
    final Strategy strategy;
    final Telemetry telemetry;
    final Telemetry.View view;
    final List<LabelledWindow> history;
    final SimulatedFleet fleet;
    final SimulatedTime time;
    final SafetyPolicy policy =
        SafetyPolicy.defaults(Set.of(NAMESPACE)).withWindows(List.of(), List.of());
    final Set<String> approved = new HashSet<>();
    final SplittableRandom random;
    final ExperimentHistory experiments = new ExperimentHistory();
    final Set<Pair> tried = new HashSet<>();
    final Set<Pair> found = new HashSet<>();
    final Map<String, Double> probability = new HashMap<>();
    final Map<String, Integer> refusals = new TreeMap<>();
    Ensemble model;
    OutcomeLog log;
    int weakBreaches;
    int robustBreaches;
    int outside;
    int fallbacks;

    Run(
        long seed,
        Strategy strategy,
        Telemetry telemetry,
        Ensemble initial,
        List<LabelledWindow> h) {
      this.seed = seed;
      this.strategy = strategy;
      this.telemetry = telemetry;
      this.view = telemetry.view();
      this.history = h;
      this.fleet = SimulatedFleet.generate(seed, config.services(), NAMESPACE);
      this.time = new SimulatedTime(Instant.ofEpochMilli(telemetry.msOf(config.historyMinutes())));
      this.random = new SplittableRandom(seed * 1_000_003L + strategy.ordinal());
      this.model = initial;
    }

    StrategyRun execute() {
      Path dir = config.workDir().resolve("seed-" + seed).resolve(strategy.id());
      try {
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve("outcomes.jsonl"));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot prepare work directory " + dir, e);
      }
      FaultJournal journal = new FaultJournal(dir.resolve("journal"));
      log = new OutcomeLog(dir.resolve("outcomes.jsonl"));
      SimulatedExecutor sim = new SimulatedExecutor(fleet, time);
      SafetyGates gates =
          new SafetyGates(
              policy,
              new HealthGate(fleet.metrics()),
              List.of(
                  PreflightCheck.minReplicasForDestructive(),
                  PreflightCheck.predictedFailureCeilingFrom(
                      target ->
                          probability.containsKey(target)
                              ? java.util.OptionalDouble.of(probability.get(target))
                              : java.util.OptionalDouble.empty(),
                      io.augur.chaos.safety.PredictedFailureCeiling.DEFAULT_CEILING)),
              time);
      ExperimentEngine engine =
          ExperimentEngine.builder()
              .gates(gates)
              .executor(new Watched(sim))
              .metrics(fleet.metrics())
              .approvals(
                  (planId, now) ->
                      approved.contains(planId) ? Optional.of(OPERATOR) : Optional.empty())
              .journal(journal)
              .outcomes(log)
              .clock(time)
              .sleeper(time)
              .watchInterval(Duration.ofSeconds(5))
              .build();
      ChaosPlanner planner = new ChaosPlanner(policy, NAMESPACE, time);
      List<Integer> curve = new ArrayList<>();
      int first = 0;
      for (int round = 0; round < config.maxRounds() && curve.size() < config.budget(); round++) {
        long roundStart = telemetry.msOf(config.historyMinutes() + round * config.roundMinutes());
        if (time.millis() < roundStart) {
          time.advance(Duration.ofMillis(roundStart - time.millis()));
        }
        int minute = telemetry.minuteOf(time.millis());
        List<FailurePrediction> predictions = predict(minute);
        Topology topology = Topology.fromPredictions(predictions, pods(), 1);
        List<RankedTarget> ranked =
            new TargetRanker(RankingConfig.DEFAULT, time).rank(predictions, experiments, topology);
        Map<String, RankedTarget> byComponent = new HashMap<>();
        ranked.forEach(t -> byComponent.put(t.component(), t));
        List<Choice> order = order(ranked, predictions, minute);
        int ran = 0;
        for (Choice c : order) {
          if (ran >= config.perRound() || curve.size() >= config.budget()) {
            break;
          }
          if (tried.contains(c.pair())) {
            continue;
          }
          RankedTarget t = byComponent.get(Telemetry.component(c.pair().service()));
          RankedTarget target =
              new RankedTarget(
                  c.prediction(),
                  t.score(),
                  t.uncertainty(),
                  t.disagreement(),
                  t.recencyLoad(),
                  t.recencyFactor(),
                  t.blastRadius(),
                  t.blastFactor());
          PlannedExperiment planned = planner.plan(target, c.pair().type(), topology, ran + 1);
          GateDecision d = gates.evaluate(planned);
          if (d.status() == GateDecision.Status.NEEDS_APPROVAL
              && d.reasons().stream().allMatch(x -> x.contains("needs a human approver"))) {
            approved.add(planned.plan().id()); // the operator signs off on blast radius alone
          }
          long before = sim.breaches();
          RunResult result = engine.run(planned);
          if (result.verdict() == RunResult.Verdict.REFUSED
              || result.verdict() == RunResult.Verdict.ERROR) {
            refusals.merge(reasonKey(result.reason()), 1, Integer::sum);
            continue;
          }
          ran++;
          tried.add(c.pair());
          fallbacks += c.fallback() ? 1 : 0;
          boolean breach = sim.breaches() > before;
          double f = fleet.fragility(c.pair().service(), c.pair().type().id());
          if (breach && f >= WEAK) {
            weakBreaches++;
            found.add(c.pair());
          } else if (breach) {
            robustBreaches++;
          }
          curve.add(found.size());
          if (first == 0 && !found.isEmpty()) {
            first = curve.size();
          }
          for (ExperimentOutcome o : result.outcomes()) {
            experiments.add(o);
            long end = o.endedAtMs() + (o.recoveryTimeMs() == null ? 0 : o.recoveryTimeMs());
            view.experiment(
                c.pair().service(),
                c.pair().type(),
                telemetry.minuteOf(o.startedAtMs()),
                telemetry.minuteOf(end),
                breach);
          }
          time.advance(Duration.ofMinutes(1));
        }
        if (strategy == Strategy.FEEDBACK && (round + 1) % config.retrainEvery() == 0) {
          model = retrain();
        }
      }
      if (strategy == Strategy.FEEDBACK) {
        model = retrain();
      }
      return new StrategyRun(
          strategy,
          curve.stream().mapToInt(Integer::intValue).toArray(),
          first,
          weakBreaches,
          robustBreaches,
          outside,
          fallbacks,
          refusals);
    }

    Map<String, Integer> pods() {
      Map<String, Integer> pods = new HashMap<>();
      fleet.services().forEach(s -> pods.put(s.name(), s.replicas()));
      return pods;
    }

    List<FailurePrediction> predict(int minute) {
      List<ComponentWindow> windows = new ArrayList<>();
      for (SimulatedFleet.Service s : fleet.services()) {
        windows.add(view.window(s.name(), minute));
      }
      List<FailurePrediction> out = model.predict(windows);
      probability.clear();
      out.forEach(p -> probability.put(p.component(), p.probability()));
      return out;
    }

    /** Candidates in the strategy's order of preference, then every untried pair at random. */
    List<Choice> order(List<RankedTarget> ranked, List<FailurePrediction> predictions, int minute) {
      Map<String, FailurePrediction> byComponent = new HashMap<>();
      predictions.forEach(p -> byComponent.put(p.component(), p));
      List<Choice> out = new ArrayList<>();
      switch (strategy) {
        case PREDICTIVE, FEEDBACK -> {
          for (RankedTarget t : ranked) {
            ExperimentType type = typeOf(t.prediction());
            if (type != null) {
              Pair pair = new Pair(Telemetry.serviceOf(t.component()), type);
              out.add(new Choice(pair, t.prediction(), false));
            }
          }
        }
        case HEURISTIC -> {
          List<double[]> scored = new ArrayList<>(); // service index, signal, z
          List<SimulatedFleet.Service> services = fleet.services();
          for (int i = 0; i < services.size(); i++) {
            for (int m : HEURISTIC_SIGNALS) {
              double z = view.zScore(services.get(i).name(), m, minute);
              if (z >= Z_THRESHOLD) {
                scored.add(new double[] {i, m, z});
              }
            }
          }
          scored.sort((a, b) -> Double.compare(b[2], a[2]));
          for (double[] s : scored) {
            String svc = services.get((int) s[0]).name();
            Pair pair = new Pair(svc, Telemetry.TYPES.get((int) s[1]));
            out.add(new Choice(pair, byComponent.get(Telemetry.component(svc)), false));
          }
        }
        case ORACLE -> {
          List<Pair> all = untried();
          all.sort(
              (a, b) ->
                  Double.compare(
                      fleet.fragility(b.service(), b.type().id()),
                      fleet.fragility(a.service(), a.type().id())));
          all.forEach(
              p ->
                  out.add(new Choice(p, byComponent.get(Telemetry.component(p.service())), false)));
        }
        case RANDOM -> {}
      }
      List<Pair> rest = untried();
      for (int i = rest.size() - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        Pair x = rest.get(i);
        rest.set(i, rest.get(j));
        rest.set(j, x);
      }
      boolean fallback = strategy != Strategy.RANDOM;
      rest.forEach(
          p -> out.add(new Choice(p, byComponent.get(Telemetry.component(p.service())), fallback)));
      List<Choice> fixed = new ArrayList<>();
      for (Choice c : out) {
        fixed.add(new Choice(c.pair(), asPlanned(c), c.fallback()));
      }
      return fixed;
    }

    /**
     * The prediction a plan is made from, naming the chosen type's failure mode (the plan and its
     * outcome labels carry it). Random, heuristic and oracle choices have no collateral of their
     * own: their prediction names only the component itself.
     */
    FailurePrediction asPlanned(Choice c) {
      FailurePrediction p = c.prediction();
      boolean own =
          !c.fallback() && (strategy == Strategy.PREDICTIVE || strategy == Strategy.FEEDBACK);
      return new FailurePrediction(
          p.component(),
          p.componentLabels(),
          p.timestampMs(),
          p.probability(),
          p.severity(),
          p.predictedFailureTimeMs(),
          own ? p.affectedComponents() : List.of(p.component()),
          Telemetry.modeOf(c.pair().type()).id(),
          p.recommendedActions(),
          p.contributingFeatures(),
          p.modelParts(),
          p.modelVersion());
    }

    List<Pair> untried() {
      List<Pair> out = new ArrayList<>();
      for (SimulatedFleet.Service s : fleet.services()) {
        for (ExperimentType t : Telemetry.TYPES) {
          Pair p = new Pair(s.name(), t);
          if (!tried.contains(p)) {
            out.add(p);
          }
        }
      }
      return out;
    }

    Ensemble retrain() {
      List<LabelledWindow> set = new ArrayList<>(history);
      for (io.augur.chaos.loop.LabelledWindow w :
          new OutcomeLabeller(Duration.ofMinutes(5)).windows(log.read().outcomes())) {
        String service = Telemetry.serviceOf(w.component());
        int from = Math.max(Telemetry.FIRST_MINUTE, ceilMinute(w.startMs()));
        for (int t = from; telemetry.msOf(t) < w.endMs() && t < telemetry.minutes(); t++) {
          ComponentWindow cw = view.window(service, t);
          if (w.label() == io.augur.chaos.loop.LabelledWindow.Label.FAILURE) {
            set.add(LabelledWindow.failing(cw, mode(w.failureMode()), w.endMs()));
          } else {
            set.add(LabelledWindow.normal(cw));
          }
        }
      }
      return train(set, seed + 7919L * tried.size());
    }

    int ceilMinute(long ms) {
      int m = telemetry.minuteOf(ms);
      return telemetry.msOf(m) < ms ? m + 1 : m;
    }

    /** Counts what the experiment touched beyond what its plan allowed. */
    private final class Watched implements Executor {
      private final SimulatedExecutor delegate;

      Watched(SimulatedExecutor delegate) {
        this.delegate = delegate;
      }

      @Override
      public String name() {
        return delegate.name();
      }

      @Override
      public Optional<String> unsupported(ApprovedPlan plan) {
        return delegate.unsupported(plan);
      }

      @Override
      public InjectedFault inject(ApprovedPlan plan, FaultJournal journal) {
        InjectedFault f = delegate.inject(plan, journal);
        String target = plan.planned().selection().labels().get("app");
        if (plan.planned().maxBlastRadius() > policy.blastLimit() || fleet.activeFaults() > 1) {
          outside++;
        }
        for (SimulatedFleet.Service s : fleet.services()) {
          if (!s.name().equals(target) && fleet.errorRatio(s.name()) > BREACHED_ERROR_RATIO) {
            outside++;
          }
        }
        return f;
      }

      @Override
      public FaultStatus status(InjectedFault fault) {
        return delegate.status(fault);
      }

      @Override
      public void revert(InjectedFault fault, FaultJournal journal) {
        delegate.revert(fault, journal);
      }

      @Override
      public boolean verifyReverted(InjectedFault fault) {
        return delegate.verifyReverted(fault);
      }
    }
  }

  /**
   * The fault type a prediction points at: its failure mode's ({@link
   * ExperimentType#forFailureMode}) when the mode is known, else the signal of its top contributing
   * feature (the ensemble's own explanation), else none.
   */
  static ExperimentType typeOf(FailurePrediction p) {
    ExperimentType byMode = ExperimentType.forFailureMode(p.failureMode());
    if (Telemetry.TYPES.contains(byMode)) {
      return byMode;
    }
    for (io.augur.domain.Contribution c : p.contributingFeatures()) {
      int signal = Telemetry.SIGNALS.indexOf(c.feature().split(":", 2)[0]);
      if (signal >= 0) {
        return Telemetry.TYPES.get(signal);
      }
    }
    return null;
  }

  /** The error ratio above which the simulated fleet counts a service's SLO as breached. */
  static final double BREACHED_ERROR_RATIO = 0.05;

  static FailureMode mode(String id) {
    try {
      return FailureMode.fromId(id);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** A refusal's reason without the numbers and names that make every one distinct. */
  static String reasonKey(String reason) {
    String r = reason == null ? "" : reason;
    int gates = r.indexOf("by the safety gates: ");
    if (gates >= 0) {
      r = r.substring(gates + "by the safety gates: ".length());
    }
    if (r.contains("needs a human approver")) {
      return "blast radius needs a human approver";
    }
    if (r.contains("pre-flight: Augur predicts failure")) {
      return "predicted failure above the ceiling (needs a human)";
    }
    if (r.contains("predicted failure probability of")) {
      return "predicted failure probability unknown";
    }
    if (r.contains("blast radius")) {
      return "blast radius above the limit";
    }
    if (r.contains("health")) {
      return "system health";
    }
    if (r.contains("outside the windows")) {
      return "outside the allowed windows";
    }
    String k = r.replaceAll("augur-[a-z0-9-]+", "PLAN").replaceAll("[0-9]+(\\.[0-9]+)?", "N");
    return k.length() > 120 ? k.substring(0, 120) : k;
  }

  static Map<String, Integer> mergeCounts(List<Map<String, Integer>> maps) {
    Map<String, Integer> out = new LinkedHashMap<>();
    maps.forEach(m -> m.forEach((k, v) -> out.merge(k, v, Integer::sum)));
    return out;
  }
}
