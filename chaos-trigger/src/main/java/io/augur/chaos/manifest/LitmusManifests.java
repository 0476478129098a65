package io.augur.chaos.manifest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.augur.chaos.experiment.Names;
import io.augur.chaos.experiment.PlannedExperiment;
import io.augur.chaos.experiment.RolloutStep;
import io.augur.chaos.safety.ApprovedPlan;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * LitmusChaos {@code ChaosEngine}s ({@code litmuschaos.io/v1alpha1}) as an alternative to Chaos
 * Mesh, for catalogue entries Litmus has an experiment for (see {@link
 * io.augur.chaos.catalogue.ExperimentType#litmusExperiment()}). The engine targets {@code
 * app=<target>} deployments and tunes the experiment through its environment variables; the last
 * rollout step sets {@code PODS_AFFECTED_PERC}.
 */
public final class LitmusManifests {
  public static final String API_VERSION = "litmuschaos.io/v1alpha1";

  /** Empty when Litmus has no experiment for the plan's type. */
  public Optional<ObjectNode> chaosEngine(ApprovedPlan approved) {
    PlannedExperiment p = ChaosMeshManifests.checked(approved);
    String experiment = p.type().litmusExperiment();
    if (experiment == null) {
      return Optional.empty();
    }
    ObjectNode m =
        ChaosMeshManifests.header(
            "ChaosEngine",
            Names.dns1123(p.plan().id() + "-engine", 63),
            p.plan().namespace(),
            approved);
    ObjectNode spec = m.putObject("spec");
    spec.put("engineState", "active")
        .put("jobCleanUpPolicy", "delete")
        .put("chaosServiceAccount", "litmus-admin");
    Map.Entry<String, String> label = p.selection().sortedLabels().entrySet().iterator().next();
    spec.putObject("appinfo")
        .put("appns", p.plan().namespace())
        .put("applabel", label.getKey() + "=" + label.getValue())
        .put("appkind", "deployment");
    ObjectNode exp = spec.putArray("experiments").addObject();
    exp.put("name", experiment);
    ArrayNode env = exp.putObject("spec").putObject("components").putArray("env");
    env(p).forEach((k, v) -> env.addObject().put("name", k).put("value", v));
    return Optional.of(m);
  }

  static Map<String, String> env(PlannedExperiment p) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("TOTAL_CHAOS_DURATION", Long.toString(p.plan().durationSeconds()));
    RolloutStep last = p.rollout().get(p.rollout().size() - 1);
    int perc =
        switch (last.mode()) {
          case "fixed-percent" -> last.percent();
          case "all" -> 100;
          default -> 0; // Litmus: 0 means a single pod
        };
    env.put("PODS_AFFECTED_PERC", Integer.toString(perc));
    switch (p.type()) {
      case MEMORY_STRESS -> env.put("MEMORY_CONSUMPTION", "256");
      case CPU_SPIKE -> env.put("CPU_LOAD", p.type().param("load"));
      case LATENCY_INJECTION, REPLICATION_LAG ->
          env.put("NETWORK_LATENCY", p.type().param("latency").replace("ms", ""));
      case DEPENDENCY_FAILURE -> env.put("STATUS_CODE", "503");
      case AUTH_FAILURE -> env.put("STATUS_CODE", p.type().param("code"));
      case BANDWIDTH_LIMIT -> env.put("NETWORK_BANDWIDTH", p.type().param("rate"));
      case DISK_FAULT -> env.put("FILL_PERCENTAGE", "80");
      default -> {}
    }
    return env;
  }
}
