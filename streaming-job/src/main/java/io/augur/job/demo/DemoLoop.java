package io.augur.job.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.augur.chaos.catalogue.ExperimentType;
import io.augur.chaos.loop.OutcomeLog;
import io.augur.chaos.score.ResilienceScorer;
import io.augur.chaos.score.ScoreConfig;
import io.augur.chaos.sim.SimulatedFleet;
import io.augur.domain.ExperimentOutcome;
import io.augur.fleet.FailureMode;
import io.augur.job.chaos.RoundSummary;
import io.augur.json.Wire;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What the demo's chaos loop did, read back from its files after the run: the planner's rounds
 * ({@code chaos-rounds.jsonl}), the runner's runs ({@code chaos-runs.jsonl}) and the outcome log;
 * scored against the simulated fleet's hidden fragilities, which neither the planner nor the runner
 * saw. A (service, fault type) pair is a <em>found</em> weakness when an experiment of that type on
 * that service did not pass (its SLO was breached: the engine aborted it, or the service was not
 * back within limits); it is a true weakness when its hidden fragility is at least {@link
 * #WEAK_ABOVE}, a false one otherwise (a robust pair breached by chance).
 */
public final class DemoLoop {
  /** Hidden fragility from which a (service, fault type) pair counts as a weakness. */
  public static final double WEAK_ABOVE = 0.5;

  /** A weakness, with its hidden fragility. */
  public record Weakness(String service, String experimentType, double fragility) {}

  /** One planning round and what became of its plans. */
  public record Round(
      long timestampMs,
      int components,
      List<String> targets,
      Map<String, Integer> heldByStatus,
      Map<String, Integer> heldByReason,
      int outcomesKnown,
      int running,
      List<DemoExperiments.Run> runs,
      int weaknessesFoundSoFar,
      Map<String, Double> scores) {}

  /** The whole loop. */
  public record Report(
      List<Round> rounds,
      int planned,
      int experimentsRun,
      Map<String, Integer> verdicts,
      int awaitingApproval,
      int blockedByRunning,
      int maxOutcomesReadBack,
      int pairsTested,
      List<Weakness> found,
      List<Weakness> falseFound,
      int hidden,
      int hiddenReachable,
      Map<String, Double> scores,
      String preApprovedBy) {}

  private DemoLoop() {}

  /** The fault types the planner can choose: one per failure mode, pod-kill for the rest. */
  public static Set<String> plannableTypes() {
    Set<String> out = new LinkedHashSet<>();
    for (FailureMode m : FailureMode.values()) {
      out.add(ExperimentType.forFailureMode(m.id()).id());
    }
    out.add(ExperimentType.forFailureMode("unknown").id());
    return out;
  }

  public static Report read(
      Path roundsFile, Path runsFile, Path outcomeLog, SimulatedFleet fleet, String preApprovedBy)
      throws IOException {
    ObjectMapper m = Wire.RECORDS;
    List<RoundSummary> summaries = new ArrayList<>();
    for (String line : lines(roundsFile)) {
      summaries.add(m.readValue(line, RoundSummary.class));
    }
    summaries.sort(java.util.Comparator.comparingLong(RoundSummary::timestampMs));
    List<DemoExperiments.Run> runs = new ArrayList<>();
    for (String line : lines(runsFile)) {
      runs.add(m.readValue(line, DemoExperiments.Run.class));
    }
    List<ExperimentOutcome> outcomes =
        Files.exists(outcomeLog) ? new OutcomeLog(outcomeLog).read().outcomes() : List.of();
    Map<String, List<ExperimentOutcome>> byPlan =
        outcomes.stream()
            .collect(
                Collectors.groupingBy(
                    ExperimentOutcome::planId, LinkedHashMap::new, Collectors.toList()));
    Map<Long, List<DemoExperiments.Run>> runsByRound =
        runs.stream()
            .collect(
                Collectors.groupingBy(
                    DemoExperiments.Run::plannedAtMs, TreeMap::new, Collectors.toList()));

    ResilienceScorer scorer = new ResilienceScorer(ScoreConfig.defaults().withoutQueries(), null);
    Map<String, Weakness> found = new LinkedHashMap<>();
    Set<String> tested = new LinkedHashSet<>();
    List<ExperimentOutcome> soFar = new ArrayList<>();
    List<Round> rounds = new ArrayList<>();
    for (RoundSummary s : summaries) {
      List<DemoExperiments.Run> these = runsByRound.getOrDefault(s.timestampMs(), List.of());
      Map<String, Double> scores = new TreeMap<>();
      for (DemoExperiments.Run r : these) {
        for (ExperimentOutcome o : byPlan.getOrDefault(r.planId(), List.of())) {
          soFar.add(o);
          String svc = ResilienceScorer.serviceOf(o.target());
          tested.add(svc + " " + o.experimentType());
          if (o.status() != ExperimentOutcome.Status.PASSED) {
            found.putIfAbsent(
                svc + " " + o.experimentType(),
                new Weakness(svc, o.experimentType(), fleet.fragility(svc, o.experimentType())));
          }
        }
      }
      for (DemoExperiments.Run r : these) {
        scores.put(r.service(), scorer.score(r.service(), soFar).score());
      }
      rounds.add(
          new Round(
              s.timestampMs(),
              s.components(),
              s.targets(),
              new TreeMap<>(s.heldByStatus()),
              new TreeMap<>(s.heldByReason()),
              s.outcomes(),
              s.running(),
              these,
              (int) found.values().stream().filter(w -> w.fragility() >= WEAK_ABOVE).count(),
              scores));
    }
    Map<String, Integer> verdicts = new TreeMap<>();
    runs.forEach(r -> verdicts.merge(r.verdict(), 1, Integer::sum));
    int ran = (int) runs.stream().filter(r -> !r.verdict().equals("REFUSED")).count();
    int awaiting =
        (int)
            runs.stream()
                .filter(r -> r.verdict().equals("REFUSED") && r.requiredApproval())
                .count();
    int blocked =
        summaries.stream()
            .mapToInt(s -> s.heldByReason().getOrDefault("experiment running on the service", 0))
            .sum();
    int readBack = summaries.stream().mapToInt(RoundSummary::outcomes).max().orElse(0);
    Set<String> plannable = plannableTypes();
    List<Map.Entry<String, String>> weak = fleet.weaknesses(WEAK_ABOVE);
    int reachable = (int) weak.stream().filter(e -> plannable.contains(e.getValue())).count();
    Map<String, Double> scores = new TreeMap<>();
    for (SimulatedFleet.Service svc : fleet.services()) {
      if (outcomes.stream()
          .anyMatch(o -> ResilienceScorer.serviceOf(o.target()).equals(svc.name()))) {
        scores.put(svc.name(), scorer.score(svc.name(), outcomes).score());
      }
    }
    List<Weakness> all = new ArrayList<>(found.values());
    return new Report(
        rounds,
        runs.size(),
        ran,
        verdicts,
        awaiting,
        blocked,
        readBack,
        tested.size(),
        all.stream().filter(w -> w.fragility() >= WEAK_ABOVE).toList(),
        all.stream().filter(w -> w.fragility() < WEAK_ABOVE).toList(),
        weak.size(),
        reachable,
        scores,
        preApprovedBy);
  }

  private static List<String> lines(Path p) throws IOException {
    if (!Files.exists(p)) {
      return List.of();
    }
    return Files.readAllLines(p).stream().filter(l -> !l.isBlank()).toList();
  }

  /** One line per round that planned or held something back, then the loop's totals. */
  public static void print(Report r, SimulatedFleet fleet, PrintStream out) {
    out.println();
    out.println(
        "Chaos loop (planner -> safety gates -> simulated executor via the experiment engine -> "
            + "outcome log -> planner)");
    if (r.preApprovedBy() != null) {
      out.println(
          "  PRE-APPROVAL in effect: plans that need a human approval are approved as \""
              + r.preApprovedBy()
              + "\" (demo configuration, --pre-approve); every other gate still applies");
    }
    for (Round x : r.rounds()) {
      if (x.targets().isEmpty() && x.heldByStatus().isEmpty()) {
        continue;
      }
      StringBuilder b = new StringBuilder();
      b.append(
          String.format(
              Locale.ROOT,
              "  round %s  %d ranked, history %d outcomes / %d running",
              Instant.ofEpochMilli(x.timestampMs()).toString().substring(11, 16),
              x.components(),
              x.outcomesKnown(),
              x.running()));
      b.append("\n    targets   ")
          .append(x.targets().isEmpty() ? "none" : String.join(", ", x.targets()));
      if (!x.heldByStatus().isEmpty()) {
        b.append("\n    held      ")
            .append(
                x.heldByStatus().entrySet().stream()
                    .map(e -> e.getKey().toLowerCase(Locale.ROOT) + " " + e.getValue())
                    .collect(Collectors.joining(", ")))
            .append(" (")
            .append(
                x.heldByReason().entrySet().stream()
                    .map(e -> e.getKey() + ": " + e.getValue())
                    .collect(Collectors.joining("; ")))
            .append(")");
      }
      if (!x.runs().isEmpty()) {
        b.append("\n    outcomes  ")
            .append(
                x.runs().stream()
                    .map(
                        run ->
                            run.service()
                                + " "
                                + run.experimentType()
                                + " "
                                + run.verdict().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", ")));
        b.append("\n    scores    ")
            .append(
                x.scores().entrySet().stream()
                    .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue()))
                    .collect(Collectors.joining(", ")))
            .append(
                String.format(
                    Locale.ROOT, "; weaknesses found so far %d", x.weaknessesFoundSoFar()));
      }
      out.println(b);
    }
    out.printf(
        Locale.ROOT,
        "  experiments            %d planned, %d ran through the engine %s, %d awaiting a human's approval%n",
        r.planned(),
        r.experimentsRun(),
        r.verdicts(),
        r.awaitingApproval());
    out.printf(
        Locale.ROOT,
        "  loop bookkeeping       %d plans held back by an experiment running on their service; up to %d outcomes read back into the planner%n",
        r.blockedByRunning(),
        r.maxOutcomesReadBack());
    out.printf(
        Locale.ROOT,
        "  weaknesses found       %d / %d hidden (%d of them of a fault type the planner can choose); %d false; %d (service, fault) pairs tested%n",
        r.found().size(),
        r.hidden(),
        r.hiddenReachable(),
        r.falseFound().size(),
        r.pairsTested());
    for (Weakness w : r.found()) {
      out.printf(
          Locale.ROOT,
          "    %-20s %-20s hidden fragility %.2f%n",
          w.service(),
          w.experimentType(),
          w.fragility());
    }
    for (Weakness w : r.falseFound()) {
      out.printf(
          Locale.ROOT,
          "    %-20s %-20s hidden fragility %.2f (false: robust, breached by chance)%n",
          w.service(),
          w.experimentType(),
          w.fragility());
    }
    out.println(
        "  resilience scores      (0-1, from the recorded outcomes; untested services omitted)");
    StringBuilder line = new StringBuilder("   ");
    int n = 0;
    for (Map.Entry<String, Double> e : r.scores().entrySet()) {
      line.append(String.format(Locale.ROOT, " %-12s %.2f", e.getKey(), e.getValue()));
      if (++n % 5 == 0) {
        out.println(line);
        line = new StringBuilder("   ");
      }
    }
    if (n % 5 != 0) {
      out.println(line);
    }
  }

  /** The loop's totals for summary.json. */
  public static Map<String, Object> json(Report r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rounds", r.rounds().size());
    m.put("planned", r.planned());
    m.put("experimentsRun", r.experimentsRun());
    m.put("verdicts", r.verdicts());
    m.put("awaitingApproval", r.awaitingApproval());
    m.put("preApprovedBy", r.preApprovedBy());
    m.put("blockedByRunningExperiment", r.blockedByRunning());
    m.put("maxOutcomesReadBack", r.maxOutcomesReadBack());
    m.put("pairsTested", r.pairsTested());
    m.put("weaknessesFound", r.found().size());
    m.put("weaknessesHidden", r.hidden());
    m.put("weaknessesHiddenOfPlannableTypes", r.hiddenReachable());
    m.put("falseWeaknesses", r.falseFound().size());
    m.put("found", r.found());
    m.put("falseFound", r.falseFound());
    m.put("resilienceScores", r.scores());
    return m;
  }
}
