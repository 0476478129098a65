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
import io.augur.job.sinks.LineSink;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
      JobSettings settings) {}

  /** What came out. */
  public record Result(
      long samples,
      long deadLetters,
      List<FailureAlert> alerts,
      Scorecard scorecard,
      long wallMs,
      List<io.augur.domain.ExperimentPlan> chaosPlans) {}

  private DemoRun() {}

  /**
   * Builds the demo pipeline into {@code env}. Files go to {@code outDir}; firing alerts are echoed
   * to stdout when asked.
   */
  public static void build(StreamExecutionEnvironment env, Options o, boolean echo)
      throws IOException {
    Files.createDirectories(o.outDir());
    for (String f :
        List.of("alerts.jsonl", "deadletters.jsonl", "predictions.jsonl", "chaos-targets.jsonl")) {
      try (Stream<Path> old = Files.list(o.outDir())) {
        for (Path p : old.filter(x -> x.getFileName().toString().startsWith(f)).toList()) {
          Files.delete(p);
        }
      }
    }
    AugurJob.Input input =
        e -> {
          DataStream<String> raw =
              e.fromSource(
                      DemoFleetSource.create(o.fleet(), o.stepsPerSecond(), o.corruptRate()),
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
    AugurJob.Outputs outputs =
        new AugurJob.Outputs(
            alertSinks,
            LineSink.jsonLinesTo(o.outDir().resolve("deadletters.jsonl")),
            LineSink.jsonLinesTo(o.outDir().resolve("predictions.jsonl")),
            new AugurJob.ChaosTargets(
                new ChaosTargetSettings(
                    java.time.Duration.ofMinutes(15), 1, List.of("demo"), null, true),
                List.of(LineSink.jsonLinesTo(o.outDir().resolve("chaos-targets.jsonl")))));
    new AugurJob(input, outputs, o.settings()).build(env);
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
    List<io.augur.domain.ExperimentPlan> plans = new ArrayList<>();
    Path planFile = o.outDir().resolve("chaos-targets.jsonl");
    if (Files.exists(planFile)) {
      ObjectMapper m = new ObjectMapper();
      for (String line : Files.readAllLines(planFile)) {
        if (!line.isBlank()) {
          plans.add(m.readValue(line, io.augur.domain.ExperimentPlan.class));
        }
      }
    }
    return new Result(
        samples == null ? 0 : samples, dead == null ? 0 : dead, alerts, card, wall, plans);
  }

  public static List<FailureAlert> readAlerts(Path file) throws IOException {
    ObjectMapper m = new ObjectMapper();
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
    out.printf(
        Locale.ROOT,
        "  chaos targets          %d planned through the safety gates (every 15 min), %d awaiting a human's approval%n",
        r.chaosPlans().size(),
        r.chaosPlans().stream().filter(io.augur.domain.ExperimentPlan::requiresApproval).count());
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
    m.put("chaosPlans", r.chaosPlans().size());
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), m);
  }
}
