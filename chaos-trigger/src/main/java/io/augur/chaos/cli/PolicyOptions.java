package io.augur.chaos.cli;

import io.augur.chaos.config.ChaosConfig;
import io.augur.chaos.prom.MetricsSource;
import io.augur.chaos.safety.HealthGate;
import io.augur.chaos.safety.PredictedFailureCeiling;
import io.augur.chaos.safety.PreflightCheck;
import io.augur.chaos.safety.SafetyGates;
import io.augur.chaos.safety.SafetyPolicy;
import io.augur.chaos.safety.TimeWindow;
import io.augur.chaos.targeting.ExperimentHistory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * The safety policy's options and pre-flight checks, shared by every command that runs the gates
 * ({@code plan}, {@code run}, {@code approve}), so all of them judge a plan by the same rules:
 * namespaces, blast-radius limits, approval threshold, time windows and the predicted-failure
 * ceiling. Which namespaces are allowed without {@code --allow-namespace} is the command's choice
 * ({@code plan}: its {@code --namespace}; {@code run} and {@code approve}: none).
 */
final class PolicyOptions {
  @Option(
      names = "--allow-namespace",
      paramLabel = "NS",
      description =
          "allowed namespaces (plan: default --namespace, plus the demo fleet's with --demo; run and "
              + "approve: none unless given); kube-* never")
  List<String> allowNamespaces;

  @Option(
      names = "--max-impact",
      defaultValue = "0.1",
      description = "largest blast radius (share of pods), default ${DEFAULT-VALUE}")
  double maxImpact;

  @Option(
      names = "--max-share",
      defaultValue = "0.05",
      description = "hard cap on share of pods; above 0.05 needs --override-share-cap")
  double maxShare;

  @Option(names = "--override-share-cap", description = "explicitly allow --max-share above 0.05")
  boolean overrideShareCap;

  @Option(
      names = "--approval-above",
      defaultValue = "0.02",
      description = "blast radius needing a human approver")
  double approvalAbove;

  @Option(
      names = "--window",
      paramLabel = "SPEC",
      description = "when any experiment may run, e.g. 'MON-FRI 06:00-22:00 UTC'")
  List<String> windows;

  @Option(
      names = "--critical-window",
      paramLabel = "SPEC",
      description =
          "when critical experiments may run (default MON-FRI 09:00-17:00 UTC; 'any' for no limit)")
  List<String> criticalWindows;

  @Option(
      names = "--predicted-failure-ceiling",
      paramLabel = "P",
      description =
          "refuse, unless a person approves, a target whose predicted failure probability (Augur's gauge in "
              + "Prometheus) is above P, e.g. "
              + PredictedFailureCeiling.DEFAULT_CEILING
              + "; unknown probability defers")
  Double predictedFailureCeiling;

  /**
   * The policy; {@code defaultNamespaces} are allowed when no {@code --allow-namespace} is given.
   */
  SafetyPolicy policy(Collection<String> defaultNamespaces, ChaosConfig config) {
    Set<String> allowed =
        new HashSet<>(allowNamespaces == null ? defaultNamespaces : allowNamespaces);
    List<TimeWindow> critical =
        criticalWindows == null
            ? List.of(TimeWindow.parse("MON-FRI 09:00-17:00 UTC"))
            : criticalWindows.contains("any")
                ? List.of()
                : criticalWindows.stream().map(TimeWindow::parse).toList();
    List<TimeWindow> any =
        windows == null ? List.of() : windows.stream().map(TimeWindow::parse).toList();
    return SafetyPolicy.defaults(allowed)
        .withLimits(maxImpact, maxShare, overrideShareCap, approvalAbove)
        .withWindows(any, critical)
        .withAbortConditions(config.abortConditions());
  }

  /**
   * The policy for commands that allow no namespace by default: {@code --allow-namespace} is
   * required.
   */
  SafetyPolicy policy(ChaosConfig config) {
    if (allowNamespaces == null || allowNamespaces.isEmpty()) {
      throw new IllegalArgumentException(
          "give the allowed namespaces with --allow-namespace NS (at least one)");
    }
    return policy(List.of(), config);
  }

  /**
   * The pre-flight checks: two replicas for destructive types, no experiment already running on the
   * target, and the predicted-failure ceiling when {@code --predicted-failure-ceiling} is given.
   */
  List<PreflightCheck> checks(MetricsSource metrics, ExperimentHistory history) {
    List<PreflightCheck> out =
        new ArrayList<>(
            List.of(
                PreflightCheck.minReplicasForDestructive(),
                PreflightCheck.noRunningExperiment(history)));
    if (predictedFailureCeiling != null) {
      out.add(PreflightCheck.predictedFailureCeiling(metrics, predictedFailureCeiling));
    }
    return out;
  }

  /** Every gate: {@code policy}, health from {@code health}, and {@link #checks}. */
  SafetyGates gates(
      SafetyPolicy policy,
      MetricsSource health,
      ChaosConfig config,
      ExperimentHistory history,
      Clock clock) {
    HealthGate healthGate =
        new HealthGate(health, config.healthQueries(), config.healthThreshold());
    return new SafetyGates(policy, healthGate, checks(health, history), clock);
  }
}
