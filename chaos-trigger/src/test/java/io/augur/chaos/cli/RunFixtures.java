package io.augur.chaos.cli;

import io.augur.chaos.catalogue.ExperimentType;
import io.augur.chaos.config.ChaosConfig;
import io.augur.chaos.experiment.PlannedExperiment;
import io.augur.chaos.experiment.RolloutStep;
import io.augur.chaos.experiment.Selection;
import io.augur.chaos.planfile.PlanFile;
import io.augur.chaos.safety.AbortCondition;
import io.augur.chaos.safety.HealthQuery;
import io.augur.domain.ExperimentPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Files an {@code augur chaos run} test needs: a plan on a local target, a metrics file, a targets
 * file.
 */
public final class RunFixtures {
  public static final String NAMESPACE = "local";

  private RunFixtures() {}

  /** One pod of 100 (blast 0.01, no approval needed), the default abort conditions as triggers. */
  public static PlannedExperiment plan(
      String id, ExperimentType type, String target, long seconds, Map<String, String> evidence) {
    List<String> triggers =
        ChaosConfig.defaults().abortConditions().stream().map(AbortCondition::trigger).toList();
    ExperimentPlan p =
        new ExperimentPlan(
            id,
            List.of(target),
            NAMESPACE,
            type.id(),
            "unknown",
            seconds,
            0.01,
            List.of(target + " keeps serving"),
            triggers,
            evidence,
            false,
            1_764_000_000_000L);
    return new PlannedExperiment(
        p,
        type,
        new Selection(NAMESPACE, Map.of("app", target), 2, 100, null, null, null),
        List.of(RolloutStep.onePod()),
        0);
  }

  public static Path planFile(Path dir, PlannedExperiment p) {
    return PlanFile.writeTo(dir.resolve("plans"), p);
  }

  /** Every health query and abort condition of the default config, at a healthy value. */
  public static Path healthyMetrics(Path dir) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (HealthQuery q : ChaosConfig.defaults().healthQueries()) {
      sb.append(quote(q.promql())).append(": 0.0\n");
    }
    for (AbortCondition c : ChaosConfig.defaults().abortConditions()) {
      sb.append(quote(c.promql())).append(": 0.0\n");
    }
    return Files.writeString(dir.resolve("metrics.yaml"), sb.toString());
  }

  public static Path targets(Path dir, String name, long pid) throws IOException {
    return Files.writeString(
        dir.resolve("targets.yaml"), "targets:\n  - name: " + name + "\n    pid: " + pid + "\n");
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
