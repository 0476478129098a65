package io.augur.job.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.augur.chaos.config.ChaosConfig;
import io.augur.chaos.exec.Approvals;
import io.augur.chaos.exec.ExperimentEngine;
import io.augur.chaos.exec.FaultJournal;
import io.augur.chaos.exec.RunResult;
import io.augur.chaos.experiment.PlannedExperiment;
import io.augur.chaos.loop.OutcomeLog;
import io.augur.chaos.planfile.PlanFile;
import io.augur.chaos.safety.HealthGate;
import io.augur.chaos.safety.PreflightCheck;
import io.augur.chaos.safety.SafetyGates;
import io.augur.chaos.sim.SimulatedExecutor;
import io.augur.chaos.sim.SimulatedFleet;
import io.augur.chaos.sim.SimulatedTime;
import io.augur.domain.ExperimentOutcome;
import io.augur.domain.ExperimentPlan;
import io.augur.job.chaos.ChaosTargetSettings;
import io.augur.json.Wire;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * The demo's experiment runner: every plan the job's planner emits is rebuilt ({@link
 * PlanFile#fromExperimentPlan}, as {@code augur chaos run} does with the job's plans) and run
 * through the real {@link ExperimentEngine}, with a {@link SimulatedExecutor} injecting into the
 * demo's {@link SimulatedFleet} (its hidden fragilities decide the breaches). The engine runs the
 * safety gates again, with the fleet's own health and the same policy as the planner; a plan
 * needing a human approval runs only when {@link Options#preApprovedBy} names one, else the engine
 * refuses it. Each plan runs on simulated time from the moment it was planned (its {@code
 * createdAtMs}, the round's event time), as if one runner per plan: minutes of fault cost no wall
 * time. The engine records into a log of its own ({@code engine-outcomes.jsonl} in the journal
 * directory); each outcome is published to the outcome log the planner follows only once the job's
 * event time (the watermark) has passed the experiment's end, so the planner never hears of an
 * outcome before the experiment is over, and counts it as running until then. One line per run
 * (verdict, reason) goes to {@link Options#runsFile}.
 */
public final class DemoExperiments implements Sink<ExperimentPlan> {
  private static final long serialVersionUID = 1L;

  /**
   * What to run against.
   *
   * @param seed the simulated fleet's seed (the demo's)
   * @param services the demo fleet's services, in order
   * @param preApprovedBy the name that approves plans needing a human (printed by the demo as a
   *     pre-approval); null: such plans are refused by the engine and reported as awaiting approval
   */
  public record Options(
      long seed,
      List<String> services,
      String namespace,
      ChaosTargetSettings settings,
      String outcomeLog,
      String journalDir,
      String runsFile,
      String preApprovedBy,
      boolean echo)
      implements Serializable {
    public Options {
      services = List.copyOf(services);
      if (preApprovedBy != null && (preApprovedBy.isBlank() || preApprovedBy.equals("policy"))) {
        throw new IllegalArgumentException(
            "preApprovedBy must name a person, got \"" + preApprovedBy + "\"");
      }
    }
  }

  /** One run, as {@link Options#runsFile} records it. */
  public record Run(
      String planId,
      String service,
      String experimentType,
      long plannedAtMs,
      String verdict,
      String reason,
      boolean requiredApproval) {}

  static final Duration WATCH_INTERVAL = Duration.ofSeconds(5);

  private final Options options;

  public DemoExperiments(Options options) {
    this.options = options;
  }

  /** The simulated fleet the runs inject into: the same for the same seed and services. */
  public static SimulatedFleet fleet(long seed, List<String> services, String namespace) {
    return SimulatedFleet.over(seed, services, namespace);
  }

  @Override
  public SinkWriter<ExperimentPlan> createWriter(WriterInitContext context) throws IOException {
    return new Writer(options);
  }

  static final class Writer implements SinkWriter<ExperimentPlan> {
    private static final ObjectMapper JSON = Wire.RECORDS;
    private final Options o;
    private final SimulatedFleet fleet;
    private final OutcomeLog log;
    private final OutcomeLog engineLog;
    private final FaultJournal journal;
    private final List<ExperimentOutcome> pending = new ArrayList<>();
    private final BufferedWriter runs;
    private final ChaosConfig cfg = ChaosConfig.defaults();

    Writer(Options o) throws IOException {
      this.o = o;
      this.fleet = fleet(o.seed(), o.services(), o.namespace());
      this.log = new OutcomeLog(Path.of(o.outcomeLog()));
      this.journal = new FaultJournal(Path.of(o.journalDir()));
      this.engineLog = new OutcomeLog(Path.of(o.journalDir()).resolve("engine-outcomes.jsonl"));
      Path r = Path.of(o.runsFile());
      Files.createDirectories(r.toAbsolutePath().getParent());
      this.runs =
          Files.newBufferedWriter(
              r, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Override
    public void write(ExperimentPlan plan, Context context) throws IOException {
      Run run = run(plan);
      publish(context.currentWatermark());
      runs.write(JSON.writeValueAsString(run));
      runs.newLine();
      if (o.echo()) {
        System.out.println(describe(run));
      }
    }

    Run run(ExperimentPlan plan) {
      String service = plan.evidence().getOrDefault("app", plan.targets().get(0).split("/", 2)[0]);
      PlannedExperiment p;
      try {
        p = PlanFile.fromExperimentPlan(plan);
      } catch (IllegalArgumentException e) {
        return new Run(
            plan.id(),
            service,
            plan.experimentType(),
            plan.createdAtMs(),
            RunResult.Verdict.REFUSED.name(),
            "plan cannot be rebuilt: " + e.getMessage(),
            plan.requiresApproval());
      }
      SimulatedTime time = new SimulatedTime(Instant.ofEpochMilli(plan.createdAtMs()));
      SafetyGates gates =
          new SafetyGates(
              o.settings().policy(cfg.abortConditions()),
              new HealthGate(
                  fleet.metrics(), cfg.healthQueries(), o.settings().gates().healthThreshold()),
              List.of(PreflightCheck.minReplicasForDestructive()),
              time);
      Approvals approvals =
          o.preApprovedBy() == null
              ? Approvals.none()
              : (id, now) -> Optional.of(o.preApprovedBy());
      ExperimentEngine engine =
          ExperimentEngine.builder()
              .gates(gates)
              .executor(new SimulatedExecutor(fleet, time))
              .metrics(fleet.metrics())
              .approvals(approvals)
              .journal(journal)
              .outcomes(engineLog)
              .clock(time)
              .sleeper(time)
              .watchInterval(WATCH_INTERVAL)
              .build();
      RunResult r = engine.run(p);
      pending.addAll(r.outcomes());
      return new Run(
          plan.id(),
          service,
          plan.experimentType(),
          plan.createdAtMs(),
          r.verdict().name(),
          r.reason(),
          plan.requiresApproval());
    }

    @Override
    public void writeWatermark(Watermark watermark) {
      publish(watermark.getTimestamp());
    }

    /** Appends to the followed log the outcomes of experiments that ended by {@code nowMs}. */
    void publish(long nowMs) {
      for (java.util.Iterator<ExperimentOutcome> it = pending.iterator(); it.hasNext(); ) {
        ExperimentOutcome x = it.next();
        if (x.endedAtMs() <= nowMs) {
          log.append(x);
          it.remove();
        }
      }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException {
      if (endOfInput) {
        publish(Long.MAX_VALUE);
      }
      runs.flush();
    }

    @Override
    public void close() throws IOException {
      runs.close();
    }
  }

  static String describe(Run r) {
    String why = r.reason() == null || r.reason().isBlank() ? "" : ": " + r.reason();
    if (why.length() > 140) {
      why = why.substring(0, 137) + "...";
    }
    return String.format(
        Locale.ROOT,
        "[chaos] %s %-8s %-20s %-18s%s",
        Instant.ofEpochMilli(r.plannedAtMs()),
        r.verdict().toLowerCase(Locale.ROOT),
        r.service(),
        r.experimentType(),
        why);
  }
}
