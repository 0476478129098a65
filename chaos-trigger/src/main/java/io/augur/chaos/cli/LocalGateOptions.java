package io.augur.chaos.cli;

import io.augur.chaos.prom.MetricsSource;
import io.augur.chaos.safety.HealthGate;
import io.augur.chaos.safety.PreflightCheck;
import io.augur.chaos.safety.SafetyGates;
import io.augur.chaos.safety.SafetyPolicy;
import io.augur.chaos.safety.TimeWindow;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** The safety gates of a local run (recovery tests, game days) as options. */
final class LocalGateOptions {
  @Option(
      names = "--allow-namespace",
      paramLabel = "NS",
      description = "allowed namespaces (default: the file's own)")
  List<String> allowNamespaces;

  @Option(
      names = "--critical-window",
      paramLabel = "SPEC",
      description =
          "when destructive faults (a kill) may run (default MON-FRI 09:00-17:00 UTC; 'any' for no limit)")
  List<String> criticalWindows;

  @Option(
      names = "--approve-as",
      paramLabel = "NAME",
      description = "a person approving a plan the gates say needs one")
  String approver;

  /**
   * The policy's defaults for the allowed namespaces (default {@code namespace}), destructive
   * faults only in the critical windows, the configuration's abort conditions and health gate.
   */
  SafetyGates gates(String namespace, MetricsOptions metrics, MetricsSource source) {
    Set<String> allowed =
        new HashSet<>(allowNamespaces == null ? List.of(namespace) : allowNamespaces);
    List<TimeWindow> critical =
        criticalWindows == null
            ? List.of(TimeWindow.businessHours(ZoneOffset.UTC))
            : criticalWindows.contains("any")
                ? List.of()
                : criticalWindows.stream().map(TimeWindow::parse).toList();
    SafetyPolicy policy =
        SafetyPolicy.defaults(allowed)
            .withWindows(List.of(), critical)
            .withAbortConditions(metrics.config().abortConditions());
    return new SafetyGates(
        policy,
        new HealthGate(
            source, metrics.config().healthQueries(), metrics.config().healthThreshold()),
        List.of(PreflightCheck.minReplicasForDestructive()),
        Clock.systemUTC());
  }
}
