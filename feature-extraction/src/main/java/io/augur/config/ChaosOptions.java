package io.augur.config;

import static io.augur.config.ConfigOptions.key;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * {@code chaos.*}: the job's chaos planner, which sends targets to {@code kafka.chaosTopic} through
 * the safety gates. Defaults are those the job's {@code ChaosTargetFunction} uses today: {@code
 * augur run}'s {@code every} and {@code maxTargets}, {@code SafetyPolicy.defaults}, {@code
 * ChaosConfig.defaults()} and {@code RankingConfig.DEFAULT}. Where they disagree: {@code augur
 * chaos plan} plans 3 targets by default ({@code --max-targets}), the job 1; the default here is
 * the job's. {@code ChaosConfig}'s health queries, abort conditions and score queries are lists of
 * objects and stay in the chaos planner's own file.
 */
public final class ChaosOptions {
  private ChaosOptions() {}

  private static final String WINDOW =
      "(?i)[a-z]{3,9}(-[a-z]{3,9})?(,[a-z]{3,9}(-[a-z]{3,9})?)*"
          + "\\s+\\d{2}:\\d{2}(:\\d{2})?-\\d{2}:\\d{2}(:\\d{2})?(\\s+\\S+)?";

  public static final ConfigOption<Duration> EVERY =
      key("chaos.every")
          .durationType()
          .defaultValue(Duration.ofMinutes(5))
          .withValidator(Validator.atLeast(Duration.ofSeconds(1)))
          .withDescription(
              "A planning round (event time) over the latest prediction per component.");
  public static final ConfigOption<Integer> MAX_TARGETS =
      key("chaos.maxTargets")
          .intType()
          .defaultValue(1)
          .withValidator(Validator.atLeast(1))
          .withDescription("The most experiments planned per round.");
  public static final ConfigOption<List<String>> NAMESPACES =
      key("chaos.namespaces")
          .stringListType()
          .noDefaultValue()
          .withValidator(Validator.nonEmpty())
          .withValidator(Validator.eachMatches("[a-z0-9]([-a-z0-9]*[a-z0-9])?", "shop"))
          .withDescription(
              "The allowlist; kube-system and kube-* are refused whatever is listed. With "
                  + "kafka.chaosTopic it turns the planner on.");
  public static final ConfigOption<URI> PROMETHEUS_URL =
      key("chaos.prometheusUrl")
          .uriType()
          .noDefaultValue()
          .withFallbackKeys(PrometheusOptions.URL.key())
          .withDescription(
              "Where the health gate reads error ratio, burn rate and alerts firing; unset: "
                  + "prometheus.url; neither: health unknown and every plan is deferred.");
  public static final ConfigOption<Double> HEALTH_THRESHOLD =
      key("chaos.healthThreshold")
          .doubleType()
          .defaultValue(0.8)
          .withValidator(Validator.within(0.8, 1.0))
          .withDescription(
              "The least health score an experiment may start at (the gate refuses lower than 0.8).");
  public static final ConfigOption<Double> MAX_IMPACT =
      key("chaos.maxImpact")
          .doubleType()
          .defaultValue(0.1)
          .withValidator(Validator.share())
          .withDescription("Largest blast radius (share of pods).");
  public static final ConfigOption<Double> MAX_SHARE =
      key("chaos.maxShare")
          .doubleType()
          .defaultValue(0.05)
          .withValidator(Validator.share())
          .withDescription(
              "Hard cap on the share of pods; above 0.05 needs chaos.overrideShareCap.");
  public static final ConfigOption<Boolean> OVERRIDE_SHARE_CAP =
      key("chaos.overrideShareCap")
          .booleanType()
          .defaultValue(false)
          .withDescription("Explicitly allow chaos.maxShare above 0.05.");
  public static final ConfigOption<Double> APPROVAL_ABOVE =
      key("chaos.approvalAbove")
          .doubleType()
          .defaultValue(0.02)
          .withValidator(Validator.within(0.0, 1.0))
          .withDescription("A blast radius above this needs a named human approver.");
  public static final ConfigOption<List<String>> WINDOWS =
      key("chaos.windows")
          .stringListType()
          .defaultValue(List.of())
          .withValidator(Validator.eachMatches(WINDOW, "MON-FRI 06:00-22:00 UTC"))
          .withDescription("When any experiment may run; empty: any time.");
  public static final ConfigOption<List<String>> CRITICAL_WINDOWS =
      key("chaos.criticalWindows")
          .stringListType()
          .defaultValue(List.of("MON-FRI 09:00-17:00 UTC"))
          .withValidator(Validator.eachMatches(WINDOW, "MON-FRI 09:00-17:00 UTC"))
          .withDescription(
              "When critical experiments (destructive, or needing approval) may run; empty: any time.");
  public static final ConfigOption<Duration> MAX_DURATION =
      key("chaos.maxDuration")
          .durationType()
          .defaultValue(Duration.ofMinutes(10))
          .withValidator(Validator.positive())
          .withDescription("The longest fault allowed.");
  public static final ConfigOption<Double> PREDICTED_FAILURE_CEILING =
      key("chaos.predictedFailureCeiling")
          .doubleType()
          .noDefaultValue()
          .withValidator(Validator.openUnitInterval())
          .withDescription(
              "Refuse, unless a person approves, a target whose predicted failure probability is above "
                  + "this, e.g. 0.9; unset: no ceiling.");
  public static final ConfigOption<Duration> PROMETHEUS_TIMEOUT =
      key("chaos.prometheusTimeout")
          .durationType()
          .defaultValue(Duration.ofSeconds(5))
          .withValidator(Validator.positive())
          .withDescription("Timeout of each health query.");
  public static final ConfigOption<Integer> PROMETHEUS_ATTEMPTS =
      key("chaos.prometheusAttempts")
          .intType()
          .defaultValue(3)
          .withValidator(Validator.atLeast(1))
          .withDescription("Attempts per health query.");
  public static final ConfigOption<Duration> PROMETHEUS_BACKOFF =
      key("chaos.prometheusBackoff")
          .durationType()
          .defaultValue(Duration.ofMillis(200))
          .withValidator(Validator.positive())
          .withDescription("First delay between health-query attempts.");
  public static final ConfigOption<Double> UNCERTAINTY_WEIGHT =
      key("chaos.ranking.uncertaintyWeight")
          .doubleType()
          .defaultValue(1.0)
          .withValidator(Validator.atLeast(0.0))
          .withDescription(
              "Ranking alpha: how much model uncertainty raises a target's score (0: ignore it).");
  public static final ConfigOption<Double> RECENCY_WEIGHT =
      key("chaos.ranking.recencyWeight")
          .doubleType()
          .defaultValue(1.0)
          .withValidator(Validator.atLeast(0.0))
          .withDescription(
              "Ranking gamma: how much each recent experiment on a target lowers its score.");
  public static final ConfigOption<Duration> RECENCY_HALF_LIFE =
      key("chaos.ranking.recencyHalfLife")
          .durationType()
          .defaultValue(Duration.ofHours(24))
          .withValidator(Validator.positive())
          .withDescription("How fast a past experiment's weight decays.");
  public static final ConfigOption<Double> BLAST_WEIGHT =
      key("chaos.ranking.blastWeight")
          .doubleType()
          .defaultValue(1.0)
          .withValidator(Validator.atLeast(0.0))
          .withDescription("Ranking beta: how much blast radius lowers a score.");
  public static final ConfigOption<Double> BLAST_REFERENCE =
      key("chaos.ranking.blastReference")
          .doubleType()
          .defaultValue(0.1)
          .withValidator(Validator.share())
          .withDescription("The blast radius at which (with beta = 1) a score is halved.");

  public static final ConfigOption<Integer> DEFAULT_REPLICAS =
      key("chaos.defaultReplicas")
          .intType()
          .defaultValue(1)
          .withValidator(Validator.atLeast(1))
          .withDescription(
              "Pods assumed for a service whose count no kube_deployment_spec_replicas / "
                  + "kube_statefulset_replicas sample, replicas label or instance count gives. 1 errs on the safe side: "
                  + "destructive faults are deferred and blast radii over-estimated.");
  public static final ConfigOption<Duration> RUNNING_GRACE =
      key("chaos.runningGrace")
          .durationType()
          .defaultValue(Duration.ofMinutes(30))
          .withValidator(Validator.positive())
          .withDescription(
              "A planned experiment counts as running (blocking its service) until its outcome arrives "
                  + "or for its duration plus this (the experiment engine's whole-run timeout, 30 min by default).");
  public static final ConfigOption<Duration> HISTORY_RETENTION =
      key("chaos.historyRetention")
          .durationType()
          .defaultValue(Duration.ofDays(7))
          .withValidator(Validator.positive())
          .withDescription(
              "How long the planner keeps an outcome for recency (7 half-lives of the default ranking).");
  public static final ConfigOption<Duration> HEALTH_POLL_INTERVAL =
      key("chaos.healthPollInterval")
          .durationType()
          .defaultValue(Duration.ofSeconds(15))
          .withValidator(Validator.positive())
          .withDescription("How often health is read from Prometheus, off the scoring path.");
  public static final ConfigOption<Duration> HEALTH_MAX_AGE =
      key("chaos.healthMaxAge")
          .durationType()
          .defaultValue(Duration.ofMinutes(2))
          .withValidator(Validator.positive())
          .withDescription(
              "A health reading older than this (against the round's event time) is unknown health: "
                  + "every plan is deferred.");
  public static final ConfigOption<String> OUTCOME_LOG =
      key("chaos.outcomeLog")
          .stringType()
          .noDefaultValue()
          .withDescription(
              "The experiment engine's outcome log (JSON lines), followed for history and running "
                  + "experiments; unset: only the planner's own plans count.");

  public static final List<ConfigOption<?>> ALL =
      List.of(
          EVERY,
          MAX_TARGETS,
          NAMESPACES,
          PROMETHEUS_URL,
          HEALTH_THRESHOLD,
          MAX_IMPACT,
          MAX_SHARE,
          OVERRIDE_SHARE_CAP,
          APPROVAL_ABOVE,
          WINDOWS,
          CRITICAL_WINDOWS,
          MAX_DURATION,
          PREDICTED_FAILURE_CEILING,
          PROMETHEUS_TIMEOUT,
          PROMETHEUS_ATTEMPTS,
          PROMETHEUS_BACKOFF,
          UNCERTAINTY_WEIGHT,
          RECENCY_WEIGHT,
          RECENCY_HALF_LIFE,
          BLAST_WEIGHT,
          BLAST_REFERENCE,
          DEFAULT_REPLICAS,
          RUNNING_GRACE,
          HISTORY_RETENTION,
          HEALTH_POLL_INTERVAL,
          HEALTH_MAX_AGE,
          OUTCOME_LOG);
}
