package io.augur.chaos.cli;

import io.augur.chaos.config.ChaosConfig;
import io.augur.chaos.prom.MetricsSource;
import io.augur.chaos.safety.PredictedFailureCeiling;
import io.augur.chaos.safety.PreflightCheck;
import io.augur.chaos.safety.SafetyPolicy;
import io.augur.chaos.safety.TimeWindow;
import io.augur.chaos.targeting.ExperimentHistory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The safety policy and pre-flight checks for commands that re-run the gates on a plan made earlier
 * ({@code approve}): the same options and defaults as {@code augur chaos plan}, except that the allowed
 * namespaces must be given, so an approval never widens them by default.
 */
final class PolicyOptions {
  @Option(names = "--allow-namespace", paramLabel = "NS", required = true,
      description = "allowed namespaces (at least one; kube-* never)")
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

  @Option(names = "--outcomes", paramLabel = "FILE", description = "outcome log: no plan on a target with an experiment running")
  Path outcomes;

  @Option(names = "--predicted-failure-ceiling", paramLabel = "P",
      description = "refuse, unless a person approves, a target whose predicted failure probability (Augur's gauge in "
          + "Prometheus) is above P, e.g. " + PredictedFailureCeiling.DEFAULT_CEILING + "; unknown probability defers")
  Double predictedFailureCeiling;

  SafetyPolicy policy(ChaosConfig config) {
    List<TimeWindow> critical = criticalWindows == null ? List.of(TimeWindow.parse("MON-FRI 09:00-17:00 UTC"))
        : criticalWindows.contains("any") ? List.of() : criticalWindows.stream().map(TimeWindow::parse).toList();
    List<TimeWindow> any = windows == null ? List.of() : windows.stream().map(TimeWindow::parse).toList();
    return SafetyPolicy.defaults(new HashSet<>(allowNamespaces)).withLimits(maxImpact, maxShare, overrideShareCap, approvalAbove)
        .withWindows(any, critical).withAbortConditions(config.abortConditions());
  }

  List<PreflightCheck> checks(MetricsSource metrics, PrintWriter err) {
    List<PreflightCheck> out = new ArrayList<>(List.of(PreflightCheck.minReplicasForDestructive(),
        PreflightCheck.noRunningExperiment(new ExperimentHistory(Inputs.outcomes(outcomes, err)))));
    if (predictedFailureCeiling != null) {
      out.add(PreflightCheck.predictedFailureCeiling(metrics, predictedFailureCeiling));
    }
    return out;
  }
}
