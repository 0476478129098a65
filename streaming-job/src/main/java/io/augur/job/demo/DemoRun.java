package io.augur.job.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.augur.domain.AlertState;
import io.augur.domain.FailureAlert;
import io.augur.fleet.DemoFleet;
import io.augur.fleet.FleetConfig;
import io.augur.fleet.Scorecard;
import io.augur.job.AugurJob;
import io.augur.job.JobSettings;
import io.augur.job.ParseSamples;
import io.augur.job.chaos.ChaosTargetSettings;
import io.augur.job.chaos.RoundSummary;
import io.augur.job.sinks.LineSink;
import io.augur.json.Wire;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

/**
 * Runs Augur over the simulated demo fleet and scores the alerts against the fleet's labels. Used
 * by {@code ./augur demo} and by the end-to-end tests.
 */
public final class DemoRun {

  /** What to run. */
  public record Options(
      FleetConfig fleet,
      double stepsPerSecond,
      double corruptRate,
      Path outDir,
      JobSettings settings,
      Chaos chaos) {
    public Options {
      java.util.Objects.requireNonNull(chaos, "chaos");
    }

    /** The planner only, as before the loop: plans written, nothing run. */
    public Options(
        FleetConfig fleet,
        double stepsPerSecond,
        double corruptRate,
        Path outDir,
        JobSettings settings) {
      this(fleet, stepsPerSecond, corruptRate, outDir, settings, Chaos.planOnly());
    }
  }

  /**
   * The demo's chaos part.
   *
   * @param mode OFF: no planner; PLAN: plans written to {@code chaos-targets.jsonl}, nothing run;
   *     LOOP: the closed loop (replica counts from simulated kube-state-metrics, plans run by
   *     {@link DemoExperiments}, outcomes followed back into the planner)
   * @param every the planning round
   * @param maxTargets plans per round at most
   * @param preApprovedBy LOOP only: the name approving plans the gates say need a human (the demo
   *     prints it as a pre-approval); null: those plans are refused and counted as awaiting
   *     approval
   */
  public record Chaos(Mode mode, Duration every, int maxTargets, String preApprovedBy)
      implements java.io.Serializable {
    public enum Mode {
      OFF,
      PLAN,
      LOOP
    }

    public Chaos {
      java.util.Objects.requireNonNull(mode, "mode");
      java.util.Objects.requireNonNull(every, "every");
      if (maxTargets < 1) {
        throw new IllegalArgumentException("maxTargets must be >= 1, got " + maxTargets);
      }
    }

    public static Chaos off() {
      return new Chaos(Mode.OFF, Duration.ofMinutes(15), 1, null);
    }

    public static Chaos planOnly() {
      return new Chaos(Mode.PLAN, Duration.ofMinutes(15), 1, null);
    }

    /** The loop, every 15 minutes of simulated time, up to {@code maxTargets} plans a round. */
    public static Chaos loop(int maxTargets, String preApprovedBy) {
      return new Chaos(Mode.LOOP, Duration.ofMinutes(15), maxTargets, preApprovedBy);
    }
  }

  /** What came out; {@code loop} is null unless the chaos loop ran. */
  public record Result(
      long samples,
      long deadLetters,
      List<FailureAlert> alerts,
      Scorecard scorecard,
      long wallMs,
      List<io.augur.domain.ExperimentPlan> chaosPlans,
      DemoLoop.Report loop) {}

  static final String NAMESPACE = "demo";
  static final String ROUNDS = "chaos-rounds.jsonl";
  static final String RUNS = "chaos-runs.jsonl";
  static final String OUTCOMES = "chaos-outcomes.jsonl";
  static final String JOURNAL = "chaos-journal";
  static final String DONE = "fleet.done";

  /** The demo fleet's services, by name, in order. */
  public static List<String> services(FleetConfig fleet) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < fleet.services(); i++) {
      out.add(DemoFleet.serviceName(i));
    }
    return out;
  }

  /** The simulated cluster behind the demo fleet: replicas, dependencies, hidden fragilities. */
  public static io.augur.chaos.sim.SimulatedFleet cluster(FleetConfig fleet) {
    return DemoExperiments.fleet(fleet.seed(), services(fleet), NAMESPACE);
  }

  private DemoRun() {}

  /**
   * Builds the demo pipeline into {@code env}. Files go to {@code outDir}; firing alerts are echoed
   * to stdout when asked.
   */
  public static void build(StreamExecutionEnvironment env, Options o, boolean echo)
      throws IOException {
    Files.createDirectories(o.outDir());
    for (String f :
        List.of(
            "alerts.jsonl",
            "deadletters.jsonl",
            "predictions.jsonl",
            "chaos-targets.jsonl",
            ROUNDS,
            RUNS,
            OUTCOMES,
            DONE)) {
      try (Stream<Path> old = Files.list(o.outDir())) {
        for (Path p : old.filter(x -> x.getFileName().toString().startsWith(f)).toList()) {
          Files.delete(p);
        }
      }
    }
    Path journal = o.outDir().resolve(JOURNAL);
    if (Files.isDirectory(journal)) {
      try (Stream<Path> old = Files.list(journal)) {
        for (Path p : old.toList()) {
          Files.delete(p);
        }
      }
    }
    boolean loop = o.chaos().mode() == Chaos.Mode.LOOP;
    Map<String, Integer> replicas = new LinkedHashMap<>();
    if (loop) {
      cluster(o.fleet()).services().forEach(s -> replicas.put(s.name(), s.replicas()));
    }
    String done = loop ? o.outDir().resolve(DONE).toAbsolutePath().toString() : null;
    AugurJob.Input input =
        e -> {
          DataStream<String> raw =
              e.fromSource(
                      DemoFleetSource.create(
                          o.fleet(), o.stepsPerSecond(), o.corruptRate(), replicas, done),
                      WatermarkStrategy.noWatermarks(),
                      "demo fleet")
                  .setParallelism(1)
                  .flatMap(
                      (List<String> lines, Collector<String> out) -> lines.forEach(out::collect))
                  .returns(Types.STRING)
                  .setParallelism(1)
                  .name("step lines");
          AugurJob.Inputs in = AugurJob.Inputs.fromRawJson(raw);
          // one chain from source to watermarks: event time follows the replay exactly
          ((org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator<?>) in.samples())
              .setParallelism(1);
          return in;
        };
    List<org.apache.flink.api.connector.sink2.Sink<FailureAlert>> alertSinks = new ArrayList<>();
    alertSinks.add(LineSink.jsonLinesTo(o.outDir().resolve("alerts.jsonl")));
    if (echo) {
      alertSinks.add(LineSink.toStdout(DemoRun::describe));
    }
    AugurJob.ChaosTargets chaos = null;
    if (o.chaos().mode() != Chaos.Mode.OFF) {
      ChaosTargetSettings cs = chaosSettings(o);
      List<org.apache.flink.api.connector.sink2.Sink<io.augur.domain.ExperimentPlan>> planSinks =
          new ArrayList<>();
      planSinks.add(LineSink.jsonLinesTo(o.outDir().resolve("chaos-targets.jsonl")));
      List<org.apache.flink.api.connector.sink2.Sink<RoundSummary>> roundSinks = new ArrayList<>();
      if (loop) {
        planSinks.add(
            new DemoExperiments(
                new DemoExperiments.Options(
                    o.fleet().seed(),
                    services(o.fleet()),
                    NAMESPACE,
                    cs,
                    cs.loop().outcomeLog(),
                    journal.toAbsolutePath().toString(),
                    o.outDir().resolve(RUNS).toAbsolutePath().toString(),
                    o.chaos().preApprovedBy(),
                    echo)));
        roundSinks.add(LineSink.jsonLinesTo(o.outDir().resolve(ROUNDS)));
      }
      chaos = new AugurJob.ChaosTargets(cs, planSinks, roundSinks);
    }
    AugurJob.Outputs outputs =
        new AugurJob.Outputs(
            alertSinks,
            LineSink.jsonLinesTo(o.outDir().resolve("deadletters.jsonl")),
            LineSink.jsonLinesTo(o.outDir().resolve("predictions.jsonl")),
            chaos);
    new AugurJob(input, outputs, o.settings()).build(env);
  }

  /**
   * The planner's settings: the demo namespace only, a simulated fleet (no business hours; the
   * planner's health reads as perfect, the runner's gates read the simulated fleet's own). In the
   * loop, the outcome log is followed every 100 ms (a round passes in well under a second of wall
   * time) until the fleet has sent its last step.
   */
  static ChaosTargetSettings chaosSettings(Options o) {
    ChaosTargetSettings cs =
        new ChaosTargetSettings(
            o.chaos().every(), o.chaos().maxTargets(), List.of(NAMESPACE), null, true);
    if (o.chaos().mode() != Chaos.Mode.LOOP) {
      return cs;
    }
    return cs.withLoop(
        cs.loop()
            .withOutcomeLog(o.outDir().resolve(OUTCOMES).toAbsolutePath().toString())
            .withOutcomeFollowing(
                Duration.ofMillis(100), o.outDir().resolve(DONE).toAbsolutePath().toString()));
  }

  public static Result run(StreamExecutionEnvironment env, Options o, boolean echo)
      throws Exception {
    build(env, o, echo);
    long t0 = System.nanoTime();
    JobExecutionResult r = env.execute("augur-demo");
    long wall = (System.nanoTime() - t0) / 1_000_000;
    List<FailureAlert> alerts = readAlerts(o.outDir().resolve("alerts.jsonl"));
    Scorecard card = Scorecard.of(new DemoFleet(o.fleet()).failures(), firings(alerts));
    Long samples = r.getAccumulatorResult(ParseSamples.SAMPLES);
    Long dead = r.getAccumulatorResult(ParseSamples.DEAD);
    List<io.augur.domain.ExperimentPlan> plans =
        o.chaos().mode() == Chaos.Mode.OFF ? null : new ArrayList<>();
    Path planFile = o.outDir().resolve("chaos-targets.jsonl");
    if (plans != null && Files.exists(planFile)) {
      ObjectMapper m = Wire.RECORDS;
      for (String line : Files.readAllLines(planFile)) {
        if (!line.isBlank()) {
          plans.add(m.readValue(line, io.augur.domain.ExperimentPlan.class));
        }
      }
    }
    DemoLoop.Report loop = null;
    if (o.chaos().mode() == Chaos.Mode.LOOP) {
      loop =
          DemoLoop.read(
              o.outDir().resolve(ROUNDS),
              o.outDir().resolve(RUNS),
              o.outDir().resolve(OUTCOMES),
              cluster(o.fleet()),
              o.chaos().preApprovedBy());
    }
    return new Result(
        samples == null ? 0 : samples, dead == null ? 0 : dead, alerts, card, wall, plans, loop);
  }

  public static List<FailureAlert> readAlerts(Path file) throws IOException {
    ObjectMapper m = Wire.RECORDS;
    List<FailureAlert> out = new ArrayList<>();
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file)) {
        if (!line.isBlank()) {
          out.add(m.readValue(line, FailureAlert.class));
        }
      }
    }
    return out;
  }

  /** The alerts that started firing (not severity upgrades of an active alert, not resolutions). */
  public static List<Scorecard.Firing> firings(List<FailureAlert> alerts) {
    Map<String, Long> seen = new LinkedHashMap<>();
    List<Scorecard.Firing> out = new ArrayList<>();
    for (FailureAlert a : alerts) {
      if (a.state() == AlertState.FIRING
          && seen.put(a.component() + "@" + a.startsAtMs(), a.startsAtMs()) == null) {
        out.add(new Scorecard.Firing(a.component(), a.startsAtMs(), a.severity()));
      }
    }
    return out;
  }

  static String describe(FailureAlert a) {
    var p = a.prediction();
    return String.format(
        Locale.ROOT,
        "[alert] %s %-8s %-6s %-32s p=%.2f %s%s",
        Instant.ofEpochMilli(a.state() == AlertState.FIRING ? p.timestampMs() : a.endsAtMs()),
        a.state().name().toLowerCase(Locale.ROOT),
        a.severity().name().toLowerCase(Locale.ROOT),
        a.component(),
        p.probability(),
        p.failureMode(),
        p.contributingFeatures().isEmpty()
            ? ""
            : "  top: " + p.contributingFeatures().get(0).feature());
  }

  public static void printSummary(Result r, DemoFleet fleet, PrintStream out) {
    Scorecard c = r.scorecard();
    out.println();
    out.println("Augur demo summary");
    out.printf(
        Locale.ROOT,
        "  simulated span         %d services x 10 metrics, %.1f h at %d s steps (%.1f s wall)%n",
        fleet.config().services(),
        fleet.config().spanMs() / 3_600_000.0,
        fleet.config().stepMs() / 1000,
        r.wallMs() / 1000.0);
    out.printf(Locale.ROOT, "  samples processed      %d%n", r.samples());
    out.printf(Locale.ROOT, "  dead letters           %d%n", r.deadLetters());
    out.printf(
        Locale.ROOT,
        "  alerts fired           %d (medium %d, high %d)%n",
        c.alertsBySeverity().values().stream().mapToInt(Integer::intValue).sum(),
        c.alertsBySeverity().getOrDefault(io.augur.domain.Severity.MEDIUM, 0),
        c.alertsBySeverity().getOrDefault(io.augur.domain.Severity.HIGH, 0));
    out.printf(
        Locale.ROOT,
        "  labelled failures      %d: caught %d, missed %d%n",
        c.failures(),
        c.caught(),
        c.missed());
    out.printf(
        Locale.ROOT,
        "  false alerts           %d (fired outside every labelled failure)%n",
        c.falseAlerts());
    out.printf(
        Locale.ROOT,
        "  median lead time       %s (caught failures, alert to failure)%n",
        c.medianLead());
    if (r.loop() != null) {
      out.printf(
          Locale.ROOT,
          "  chaos loop             %d rounds (every 15 min), %d experiments run, %d weaknesses found of %d hidden (%d false); below%n",
          r.loop().rounds().size(),
          r.loop().experimentsRun(),
          r.loop().found().size(),
          r.loop().hidden(),
          r.loop().falseFound().size());
    } else if (r.chaosPlans() == null) {
      out.println("  chaos                  off (--no-chaos)");
    } else {
      out.printf(
          Locale.ROOT,
          "  chaos targets          %d planned through the safety gates (every 15 min), %d awaiting a human's approval%n",
          r.chaosPlans().size(),
          r.chaosPlans().stream().filter(io.augur.domain.ExperimentPlan::requiresApproval).count());
    }
    for (Scorecard.Outcome o : c.outcomes()) {
      out.printf(
          Locale.ROOT,
          "    %-28s %-28s %s%n",
          o.failure().mode().id(),
          o.failure().component(),
          o.caught() ? "caught " + Scorecard.formatDuration(o.leadMs()) + " ahead" : "missed");
    }
  }

  public static void writeSummary(Result r, Path file) throws IOException {
    Scorecard c = r.scorecard();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("samples", r.samples());
    m.put("deadLetters", r.deadLetters());
    m.put("alertsBySeverity", c.alertsBySeverity());
    m.put("failures", c.failures());
    m.put("caught", c.caught());
    m.put("missed", c.missed());
    m.put("falseAlerts", c.falseAlerts());
    m.put("medianLeadMs", c.medianLeadMs());
    m.put("wallMs", r.wallMs());
    m.put("chaosPlans", r.chaosPlans() == null ? 0 : r.chaosPlans().size());
    if (r.loop() != null) {
      m.put("chaosLoop", DemoLoop.json(r.loop()));
    }
    Wire.REPORTS.writeValue(file.toFile(), m);
  }
}
