package io.augur.job.chaos;

import io.augur.chaos.safety.AbortCondition;
import io.augur.chaos.safety.NamespaceAllowlist;
import io.augur.chaos.safety.SafetyPolicy;
import io.augur.chaos.safety.TimeWindow;
import io.augur.chaos.targeting.RankingConfig;
import io.augur.config.ChaosOptions;
import io.augur.config.Configuration;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * How the job picks chaos targets from its predictions: every key of {@code chaos.*} (see {@link
 * ChaosOptions}), parsed once. Build it from the job's configuration with {@link #from}.
 *
 * @param every how often (event time) a planning round runs over the latest prediction per
 *     component
 * @param maxTargets the most experiments planned per round
 * @param namespaces the allowlist (kube-system and kube-* are refused whatever is listed)
 * @param prometheusUrl where the health poller reads error ratio, burn rate and alerts firing (off
 *     the scoring path, see {@link HealthPoller}); null: health unknown, and every plan is deferred
 * @param simulated for simulated fleets only: health reads as perfect and experiments may run at
 *     any hour
 * @param gates the safety policy's limits and windows
 * @param ranking the ranking formula's weights
 * @param loop history, running experiments, pod counts and health freshness
 */
public record ChaosTargetSettings(
    Duration every,
    int maxTargets,
    List<String> namespaces,
    String prometheusUrl,
    boolean simulated,
    Gates gates,
    Ranking ranking,
    Loop loop)
    implements Serializable {

  /** The safety policy's configurable part ({@code chaos.maxImpact} and the rest). */
  public record Gates(
      double healthThreshold,
      double maxImpact,
      double maxShare,
      boolean overrideShareCap,
      double approvalAbove,
      List<String> windows,
      List<String> criticalWindows,
      Duration maxDuration,
      Double predictedFailureCeiling)
      implements Serializable {
    public Gates {
      windows = List.copyOf(windows);
      criticalWindows = List.copyOf(criticalWindows);
      windows.forEach(TimeWindow::parse); // a bad window fails here, naming itself
      criticalWindows.forEach(TimeWindow::parse);
    }

    public static Gates defaults() {
      return new Gates(
          0.8,
          SafetyPolicy.DEFAULT_MAX_IMPACT,
          SafetyPolicy.HARD_SHARE_CAP,
          false,
          SafetyPolicy.DEFAULT_APPROVAL_ABOVE,
          List.of(),
          List.of("MON-FRI 09:00-17:00 UTC"),
          Duration.ofMinutes(10),
          null);
    }

    /** The policy for {@code namespaces}; simulated fleets have no business hours. */
    SafetyPolicy policy(List<String> namespaces, List<AbortCondition> abort, boolean simulated) {
      List<TimeWindow> w = simulated ? List.of() : windows.stream().map(TimeWindow::parse).toList();
      List<TimeWindow> cw =
          simulated ? List.of() : criticalWindows.stream().map(TimeWindow::parse).toList();
      return new SafetyPolicy(
          new NamespaceAllowlist(new java.util.HashSet<>(namespaces)),
          maxImpact,
          maxShare,
          overrideShareCap,
          approvalAbove,
          w,
          cw,
          abort,
          maxDuration);
    }
  }

  /** {@code chaos.ranking.*}. */
  public record Ranking(
      double uncertaintyWeight,
      double recencyWeight,
      Duration recencyHalfLife,
      double blastWeight,
      double blastReference)
      implements Serializable {
    public Ranking {
      config(
          uncertaintyWeight,
          recencyWeight,
          recencyHalfLife,
          blastWeight,
          blastReference); // validates
    }

    public static Ranking defaults() {
      RankingConfig d = RankingConfig.DEFAULT;
      return new Ranking(
          d.uncertaintyWeight(),
          d.recencyWeight(),
          d.recencyHalfLife(),
          d.blastWeight(),
          d.blastReference());
    }

    RankingConfig toConfig() {
      return config(uncertaintyWeight, recencyWeight, recencyHalfLife, blastWeight, blastReference);
    }

    private static RankingConfig config(double a, double g, Duration h, double b, double ref) {
      return new RankingConfig(a, g, h, b, ref);
    }
  }

  /**
   * The loop's bookkeeping.
   *
   * @param defaultReplicas pods of a service no metric, label or instance count tells about
   * @param runningGrace a planned experiment blocks its service for its duration plus this, unless
   *     its outcome arrives first
   * @param historyRetention outcomes older than this are dropped from the planner's state
   * @param healthPollInterval how often the poller reads health
   * @param healthMaxAge a reading older than this at a round's event time is unknown health
   * @param outcomeLog the outcome log followed for history; null: none
   * @param outcomePollInterval how often (wall clock) the outcome log is read again
   * @param outcomeFollowUntil for bounded runs (the demo): once this file exists, the outcome log
   *     is read a few more times and its follower ends, so the job can finish; null: followed for
   *     as long as the job runs
   */
  public record Loop(
      int defaultReplicas,
      Duration runningGrace,
      Duration historyRetention,
      Duration healthPollInterval,
      Duration healthMaxAge,
      Duration prometheusTimeout,
      int prometheusAttempts,
      Duration prometheusBackoff,
      String outcomeLog,
      Duration outcomePollInterval,
      String outcomeFollowUntil)
      implements Serializable {
    public Loop {
      if (defaultReplicas < 1) {
        throw new IllegalArgumentException(
            "chaos.defaultReplicas must be >= 1, got " + defaultReplicas);
      }
      positive("chaos.runningGrace", runningGrace);
      positive("chaos.historyRetention", historyRetention);
      positive("chaos.healthPollInterval", healthPollInterval);
      positive("chaos.healthMaxAge", healthMaxAge);
      positive("chaos.prometheusTimeout", prometheusTimeout);
      if (prometheusAttempts < 1) {
        throw new IllegalArgumentException(
            "chaos.prometheusAttempts must be >= 1, got " + prometheusAttempts);
      }
      positive("chaos.prometheusBackoff", prometheusBackoff);
      positive("outcomePollInterval", outcomePollInterval);
    }

    /** As before the outcome log's poll interval was settable: read every second, unbounded. */
    public Loop(
        int defaultReplicas,
        Duration runningGrace,
        Duration historyRetention,
        Duration healthPollInterval,
        Duration healthMaxAge,
        Duration prometheusTimeout,
        int prometheusAttempts,
        Duration prometheusBackoff,
        String outcomeLog) {
      this(
          defaultReplicas,
          runningGrace,
          historyRetention,
          healthPollInterval,
          healthMaxAge,
          prometheusTimeout,
          prometheusAttempts,
          prometheusBackoff,
          outcomeLog,
          Duration.ofSeconds(1),
          null);
    }

    private static void positive(String key, Duration d) {
      if (d == null || d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException(key + " must be > 0, got " + d);
      }
    }

    public static Loop defaults() {
      return new Loop(
          1,
          Duration.ofMinutes(30),
          Duration.ofDays(7),
          Duration.ofSeconds(15),
          Duration.ofMinutes(2),
          Duration.ofSeconds(5),
          3,
          Duration.ofMillis(200),
          null);
    }

    public Loop withDefaultReplicas(int n) {
      return new Loop(
          n,
          runningGrace,
          historyRetention,
          healthPollInterval,
          healthMaxAge,
          prometheusTimeout,
          prometheusAttempts,
          prometheusBackoff,
          outcomeLog,
          outcomePollInterval,
          outcomeFollowUntil);
    }

    public Loop withRetention(Duration grace, Duration retention) {
      return new Loop(
          defaultReplicas,
          grace,
          retention,
          healthPollInterval,
          healthMaxAge,
          prometheusTimeout,
          prometheusAttempts,
          prometheusBackoff,
          outcomeLog,
          outcomePollInterval,
          outcomeFollowUntil);
    }

    public Loop withHealthMaxAge(Duration d) {
      return new Loop(
          defaultReplicas,
          runningGrace,
          historyRetention,
          healthPollInterval,
          d,
          prometheusTimeout,
          prometheusAttempts,
          prometheusBackoff,
          outcomeLog,
          outcomePollInterval,
          outcomeFollowUntil);
    }

    public Loop withOutcomeLog(String path) {
      return new Loop(
          defaultReplicas,
          runningGrace,
          historyRetention,
          healthPollInterval,
          healthMaxAge,
          prometheusTimeout,
          prometheusAttempts,
          prometheusBackoff,
          path,
          outcomePollInterval,
          outcomeFollowUntil);
    }

    /**
     * The outcome log read every {@code interval}, its follower ending once {@code untilFile}
     * exists (null: never).
     */
    public Loop withOutcomeFollowing(Duration interval, String untilFile) {
      return new Loop(
          defaultReplicas,
          runningGrace,
          historyRetention,
          healthPollInterval,
          healthMaxAge,
          prometheusTimeout,
          prometheusAttempts,
          prometheusBackoff,
          outcomeLog,
          interval,
          untilFile);
    }
  }

  public ChaosTargetSettings {
    if (every == null || every.toMillis() < 1000) {
      throw new IllegalArgumentException("chaos.every must be >= 1 s, got " + every);
    }
    if (maxTargets < 1) {
      throw new IllegalArgumentException("chaos.maxTargets must be >= 1, got " + maxTargets);
    }
    if (namespaces == null || namespaces.isEmpty()) {
      throw new IllegalArgumentException("chaos.namespaces must list at least one namespace");
    }
    namespaces = List.copyOf(namespaces);
    if (gates == null || ranking == null || loop == null) {
      throw new IllegalArgumentException("gates, ranking and loop must not be null");
    }
    gates.policy(
        namespaces, AbortCondition.defaults(), simulated); // the share cap and limits, checked once
  }

  /** Defaults for everything but the round, the allowlist and health. */
  public ChaosTargetSettings(
      Duration every,
      int maxTargets,
      List<String> namespaces,
      String prometheusUrl,
      boolean simulated) {
    this(
        every,
        maxTargets,
        namespaces,
        prometheusUrl,
        simulated,
        Gates.defaults(),
        Ranking.defaults(),
        Loop.defaults());
  }

  /**
   * The planner as {@code chaos.*} configures it; null when {@code chaos.namespaces} is not set
   * (the planner is off).
   */
  public static ChaosTargetSettings from(Configuration c) {
    if (c.getOptional(ChaosOptions.NAMESPACES).isEmpty()) {
      return null;
    }
    Gates g =
        new Gates(
            c.get(ChaosOptions.HEALTH_THRESHOLD),
            c.get(ChaosOptions.MAX_IMPACT),
            c.get(ChaosOptions.MAX_SHARE),
            c.get(ChaosOptions.OVERRIDE_SHARE_CAP),
            c.get(ChaosOptions.APPROVAL_ABOVE),
            c.get(ChaosOptions.WINDOWS),
            c.get(ChaosOptions.CRITICAL_WINDOWS),
            c.get(ChaosOptions.MAX_DURATION),
            c.getOptional(ChaosOptions.PREDICTED_FAILURE_CEILING).orElse(null));
    Ranking r =
        new Ranking(
            c.get(ChaosOptions.UNCERTAINTY_WEIGHT),
            c.get(ChaosOptions.RECENCY_WEIGHT),
            c.get(ChaosOptions.RECENCY_HALF_LIFE),
            c.get(ChaosOptions.BLAST_WEIGHT),
            c.get(ChaosOptions.BLAST_REFERENCE));
    Loop l =
        new Loop(
            c.get(ChaosOptions.DEFAULT_REPLICAS),
            c.get(ChaosOptions.RUNNING_GRACE),
            c.get(ChaosOptions.HISTORY_RETENTION),
            c.get(ChaosOptions.HEALTH_POLL_INTERVAL),
            c.get(ChaosOptions.HEALTH_MAX_AGE),
            c.get(ChaosOptions.PROMETHEUS_TIMEOUT),
            c.get(ChaosOptions.PROMETHEUS_ATTEMPTS),
            c.get(ChaosOptions.PROMETHEUS_BACKOFF),
            c.getOptional(ChaosOptions.OUTCOME_LOG).orElse(null));
    return new ChaosTargetSettings(
        c.get(ChaosOptions.EVERY),
        c.get(ChaosOptions.MAX_TARGETS),
        c.get(ChaosOptions.NAMESPACES),
        c.getOptional(ChaosOptions.PROMETHEUS_URL).map(Object::toString).orElse(null),
        false,
        g,
        r,
        l);
  }

  /**
   * The safety policy the planner's rounds apply, with {@code abort} as its abort conditions: for
   * whoever runs the plans and must run the same gates again (the demo's simulated runner).
   */
  public SafetyPolicy policy(List<AbortCondition> abort) {
    return gates.policy(namespaces, abort, simulated);
  }

  public ChaosTargetSettings withGates(Gates g) {
    return new ChaosTargetSettings(
        every, maxTargets, namespaces, prometheusUrl, simulated, g, ranking, loop);
  }

  public ChaosTargetSettings withLoop(Loop l) {
    return new ChaosTargetSettings(
        every, maxTargets, namespaces, prometheusUrl, simulated, gates, ranking, l);
  }

  public ChaosTargetSettings withMaxTargets(int n) {
    return new ChaosTargetSettings(
        every, n, namespaces, prometheusUrl, simulated, gates, ranking, loop);
  }

  public ChaosTargetSettings withRanking(Ranking r) {
    return new ChaosTargetSettings(
        every, maxTargets, namespaces, prometheusUrl, simulated, gates, r, loop);
  }
}
