package io.augur.chaos.cli;

import io.augur.chaos.config.ChaosConfig;
import io.augur.chaos.prom.MetricsSource;
import io.augur.chaos.safety.HealthGate;
import io.augur.chaos.safety.PreflightCheck;
import io.augur.chaos.safety.SafetyGates;
import io.augur.chaos.safety.SafetyPolicy;
import io.augur.chaos.safety.TimeWindow;
import io.augur.chaos.targeting.ExperimentHistory;
import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * The safety policy's options, shared by {@code chaos plan} and {@code chaos run} so both judge a plan
 * by the same gates: namespaces, blast-radius limits, approval threshold and time windows.
 */
final class PolicyOptions {
  @Option(names = "--allow-namespace", paramLabel = "NS",
      description = "allowed namespaces (plan: default --namespace, plus the demo fleet's with --demo; run: none "
          + "unless given); kube-* never")
  List<String> allowNamespaces;

  @Option(names = "--max-impact", defaultValue = "0.1", description = "largest blast radius (share of pods), default ${DEFAULT-VALUE}")
  double maxImpact;

  @Option(names = "--max-share", defaultValue = "0.05", description = "hard cap on share of pods; above 0.05 needs --override-share-cap")
  double maxShare;

  @Option(names = "--override-share-cap", description = "explicitly allow --max-share above 0.05")
  boolean overrideShareCap;

  @Option(names = "--approval-above", defaultValue = "0.02", description = "blast radius needing a human approver")
  double approvalAbove;

  @Option(names = "--window", paramLabel = "SPEC", description = "when any experiment may run, e.g. 'MON-FRI 06:00-22:00 UTC'")
  List<String> windows;

  @Option(names = "--critical-window", paramLabel = "SPEC",
      description = "when critical experiments may run (default MON-FRI 09:00-17:00 UTC; 'any' for no limit)")
  List<String> criticalWindows;

  /** The policy; {@code defaultNamespaces} are allowed when no {@code --allow-namespace} is given. */
  SafetyPolicy policy(Collection<String> defaultNamespaces, ChaosConfig config) {
    Set<String> allowed = new HashSet<>(allowNamespaces == null ? defaultNamespaces : allowNamespaces);
    List<TimeWindow> critical = criticalWindows == null ? List.of(TimeWindow.parse("MON-FRI 09:00-17:00 UTC"))
        : criticalWindows.contains("any") ? List.of() : criticalWindows.stream().map(TimeWindow::parse).toList();
    List<TimeWindow> any = windows == null ? List.of() : windows.stream().map(TimeWindow::parse).toList();
    return SafetyPolicy.defaults(allowed).withLimits(maxImpact, maxShare, overrideShareCap, approvalAbove)
        .withWindows(any, critical).withAbortConditions(config.abortConditions());
  }

  /** Every gate: the policy, health from {@code health}, and the standard pre-flight checks. */
  static SafetyGates gates(SafetyPolicy policy, MetricsSource health, ChaosConfig config, ExperimentHistory history,
      Clock clock) {
    HealthGate healthGate = new HealthGate(health, config.healthQueries(), config.healthThreshold());
    return new SafetyGates(policy, healthGate, List.of(PreflightCheck.minReplicasForDestructive(),
        PreflightCheck.noRunningExperiment(history)), clock);
  }
}
