package io.augur.chaos.cli;

import io.augur.chaos.experiment.PlannedExperiment;
import io.augur.chaos.manifest.ChaosMeshManifests;
import io.augur.chaos.manifest.ManifestWriter;
import io.augur.chaos.manifest.WorkflowOptions;
import io.augur.chaos.safety.AbortCondition;
import io.augur.chaos.safety.ApprovedPlan;
import io.augur.chaos.safety.HealthGate;
import io.augur.chaos.safety.SafetyGates;
import io.augur.chaos.safety.SafetyPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * A suite Workflow as {@code augur chaos plan} writes it, over plans in {@link
 * RunFixtures#NAMESPACE}.
 */
public final class WorkflowFixtures {
  private WorkflowFixtures() {}

  /**
   * Writes {@code dir/workflow-<name>.yaml} the way the planner does (approved by the planner's
   * gates).
   */
  public static Path workflow(Path dir, String name, List<PlannedExperiment> plans)
      throws IOException {
    SafetyGates gates =
        new SafetyGates(
            SafetyPolicy.defaults(Set.of(RunFixtures.NAMESPACE)).withWindows(List.of(), List.of()),
            new HealthGate(MetricsOptions.fromFile(RunFixtures.healthyMetrics(dir))),
            List.of(),
            Clock.systemUTC());
    List<ApprovedPlan> approved = plans.stream().map(p -> gates.approve(p, "tester")).toList();
    List<String> queries =
        io.augur.chaos.config.ChaosConfig.defaults().abortConditions().stream()
            .map(AbortCondition::promql)
            .toList();
    return ManifestWriter.write(
        dir, new ChaosMeshManifests(WorkflowOptions.DEFAULT).workflow(name, approved, queries));
  }
}
