package io.augur.chaos.exec;

import io.augur.chaos.experiment.PlannedExperiment;
import io.augur.chaos.loop.OutcomeLog;
import io.augur.chaos.prom.MetricsSource;
import io.augur.chaos.safety.SafetyGates;
import io.augur.domain.Checks;
import io.augur.domain.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Drives one plan through the life cycle every executor shares, and never lets a fault outlive it.
 *
 * <ol>
 *   <li><b>PREFLIGHT</b>: every safety gate again, now. APPROVED goes on; NEEDS_APPROVAL goes on
 *       only when {@link Approvals} names a person, and then the gates are re-run with that
 *       approver; DEFERRED and REJECTED are refused with the gates' reasons. The executor's own
 *       {@link Executor#unsupported} check and the parsing of the plan's rollback triggers into
 *       {@link io.augur.chaos.safety.AbortCondition}s come next (a trigger that cannot be read
 *       refuses the plan: an abort condition the engine cannot evaluate is no safety). Nothing is
 *       touched before this phase has passed.
 *   <li><b>BASELINE</b>: the conditions' values before the fault ({@code before.<name>}).
 *   <li><b>INJECT</b>: {@link Executor#inject}; a failure is an ERROR (no outcome is recorded: the
 *       experiment did not happen, and a tool error is no label for the target), and whatever the
 *       journal still holds for the experiment is reverted and verified all the same.
 *   <li><b>WATCH</b>: until the plan's duration has passed on the engine's clock, the policy's
 *       abort conditions and the plan's rollback triggers are evaluated every watch interval
 *       ({@link AbortWatch}: {@code for} as in Prometheus alerting rules, an unreachable Prometheus
 *       breaches at once). A breach, executor status FAILED, the whole-run timeout or an interrupt
 *       of the running thread ends the watch at once.
 *   <li><b>REVERT</b> and <b>VERIFY</b> always run (in a {@code finally}): the fault is reverted,
 *       then checked on the system with {@link Executor#verifyReverted}, re-reverting a bounded
 *       number of times. A fault that cannot be verified gone stays in the journal ({@code
 *       leftOver}).
 *   <li><b>RECORD</b>: the engine polls the conditions for a few intervals until all are within
 *       limits (the recovery time, from the verified revert) and appends one outcome per target:
 *       ABORTED when a condition fired (named in the notes, with its value, the time of breach, the
 *       time the fault was verified gone, the executor and the fault id), or when the run was
 *       interrupted, timed out or the executor lost the fault; FAILED when the fault ran its course
 *       without an abort but the target was not back within limits when the recovery polls ended
 *       (the planner's success criterion "healthy again after the fault ends" broken, a condition
 *       still observed crossed); PASSED otherwise.
 * </ol>
 *
 * A run never throws for a fault or gate problem: it returns a {@link RunResult}. An interrupt
 * (SIGTERM or SIGINT via the CLI's shutdown hook) ends the watch, the fault is reverted, verified
 * and recorded ABORTED ("interrupted"), and the interrupt flag is set again before {@link #run}
 * returns.
 */
public final class ExperimentEngine {
  /** How many times the engine checks (and re-reverts) a fault before leaving it to the journal. */
  static final int VERIFY_ATTEMPTS = 5;

  /** How many watch intervals the engine waits after the revert for the conditions to recover. */
  static final int RECOVERY_POLLS = 6;

  final SafetyGates gates;
  final Executor executor;
  final MetricsSource metrics;
  final Approvals approvals;
  final FaultJournal journal;
  final OutcomeLog outcomes;
  final Clock clock;
  final Sleeper sleeper;
  final Duration watchInterval;
  final Duration timeout;
  final RunListener listener;
  final boolean endWhenFaultEnds;

  private ExperimentEngine(Builder b) {
    this.gates = Checks.nonNull("gates", b.gates);
    this.executor = Checks.nonNull("executor", b.executor);
    this.metrics = Checks.nonNull("metrics", b.metrics);
    this.approvals = Checks.nonNull("approvals", b.approvals);
    this.journal = Checks.nonNull("journal", b.journal);
    this.outcomes = Checks.nonNull("outcomes", b.outcomes);
    this.clock = Checks.nonNull("clock", b.clock);
    this.sleeper = Checks.nonNull("sleeper", b.sleeper);
    this.watchInterval = positive("watchInterval", b.watchInterval);
    this.timeout = positive("timeout", b.timeout);
    this.listener = Checks.nonNull("listener", b.listener);
    this.endWhenFaultEnds = b.endWhenFaultEnds;
  }

  private static Duration positive(String field, Duration d) {
    Checks.nonNull(field, d);
    if (d.toMillis() <= 0) {
      throw new IllegalArgumentException(field + " must be at least 1ms, got " + d);
    }
    return d;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Runs one plan to the end (see the class comment); never throws for a fault or gate problem. */
  public RunResult run(PlannedExperiment planned) {
    Checks.nonNull("planned", planned);
    return new EngineRun(this, planned).execute();
  }

  /**
   * The PREFLIGHT phase alone, touching nothing: why {@link #run} would refuse {@code planned} now
   * (a gate, a missing or expired approval, the executor, an unreadable rollback trigger), or
   * empty. For a group of plans that must run all or not at all (a Workflow): each is refused by
   * {@link #run} again if anything changed in between.
   */
  public java.util.Optional<String> refusal(PlannedExperiment planned) {
    Checks.nonNull("planned", planned);
    return java.util.Optional.ofNullable(new EngineRun(this, planned).refusal());
  }

  /**
   * Reverts every fault a previous runner left in the journal, with the executor of its name, and
   * appends one ABORTED outcome per experiment ("runner crashed or was killed: ...") once all of
   * its faults are gone (not when the log already holds an outcome for it). Faults whose executor
   * is not given, or whose revert fails, stay in the journal. Returns one line per fault (and per
   * unreadable journal file).
   */
  public static List<String> reap(
      FaultJournal journal, Map<String, Executor> byName, OutcomeLog outcomes, Clock clock) {
    return Reaper.reap(journal, byName, outcomes, clock);
  }

  /** Validating builder; {@link #build()} names the first missing or bad setting. */
  public static final class Builder {
    private SafetyGates gates;
    private Executor executor;
    private MetricsSource metrics;
    private Approvals approvals = Approvals.none();
    private FaultJournal journal;
    private OutcomeLog outcomes;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.REAL;
    private Duration watchInterval = Duration.ofSeconds(5);
    private Duration timeout = Duration.ofMinutes(30);
    private RunListener listener = RunListener.silent();
    private boolean endWhenFaultEnds;

    private Builder() {}

    /**
     * When true, the watch also ends (as having run its course) once the executor reports the fault
     * ENDED by itself, e.g. a Chaos Mesh Workflow that has accomplished all of its steps before the
     * plan's duration (its deadline budget) is over. Default false: a fault that ends early (a
     * killed process restarted) is still watched for the plan's whole duration.
     */
    public Builder endWhenFaultEnds(boolean b) {
      this.endWhenFaultEnds = b;
      return this;
    }

    /** Re-run at PREFLIGHT; their policy's abort conditions are watched. */
    public Builder gates(SafetyGates g) {
      this.gates = g;
      return this;
    }

    public Builder executor(Executor e) {
      this.executor = e;
      return this;
    }

    /** Where abort conditions and baseline observations are read. */
    public Builder metrics(MetricsSource m) {
      this.metrics = m;
      return this;
    }

    /** Default {@link Approvals#none()}. */
    public Builder approvals(Approvals a) {
      this.approvals = a;
      return this;
    }

    public Builder journal(FaultJournal j) {
      this.journal = j;
      return this;
    }

    public Builder outcomes(OutcomeLog o) {
      this.outcomes = o;
      return this;
    }

    /** Default the system's UTC clock. */
    public Builder clock(Clock c) {
      this.clock = c;
      return this;
    }

    /** Default {@link Sleeper#REAL}. */
    public Builder sleeper(Sleeper s) {
      this.sleeper = s;
      return this;
    }

    /** How often abort conditions are evaluated while the fault is active; default 5s. */
    public Builder watchInterval(Duration d) {
      this.watchInterval = d;
      return this;
    }

    /**
     * The whole run's cap, counted from pre-flight: when it is reached the watch ends and the fault
     * is reverted (ABORTED, "timeout"); reverting, verifying and recording still run. Default 30m.
     */
    public Builder timeout(Duration d) {
      this.timeout = d;
      return this;
    }

    public Builder listener(RunListener l) {
      this.listener = l;
      return this;
    }

    public ExperimentEngine build() {
      return new ExperimentEngine(this);
    }
  }
}
