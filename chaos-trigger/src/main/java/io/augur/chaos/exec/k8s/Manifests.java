package io.augur.chaos.exec.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.augur.chaos.exec.k8s.KubernetesOptions.Flavour;
import io.augur.chaos.experiment.Names;
import io.augur.chaos.manifest.ChaosMeshManifests;
import io.augur.chaos.manifest.LitmusManifests;
import io.augur.chaos.manifest.WorkflowOptions;
import io.augur.chaos.safety.AbortCondition;
import io.augur.chaos.safety.ApprovedPlan;
import io.augur.domain.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The manifest an approved plan becomes, from the {@code manifest} package's renderers, with the
 * executor's labels and annotation added, and a check that every namespace it names is the plan's.
 */
final class Manifests {
  private final Flavour flavour;
  private final ChaosMeshManifests mesh;
  private final LitmusManifests litmus = new LitmusManifests();

  /**
   * A manifest given as it is (a checked Workflow from a file) for the plan of this id, or null.
   */
  private final String fixedPlanId;

  private final ObjectNode fixed;

  Manifests(Flavour flavour, WorkflowOptions workflow) {
    this(flavour, workflow, null, null);
  }

  private Manifests(
      Flavour flavour, WorkflowOptions workflow, String fixedPlanId, ObjectNode fixed) {
    this.flavour = Checks.nonNull("flavour", flavour);
    this.mesh = new ChaosMeshManifests(Checks.nonNull("workflow", workflow));
    this.fixedPlanId = fixedPlanId;
    this.fixed = fixed;
  }

  /**
   * These renderers, except that the plan {@code planId} becomes {@code manifest} (a Workflow),
   * labelled as usual.
   */
  Manifests withFixed(String planId, ObjectNode manifest, WorkflowOptions workflow) {
    ChaosResourceKind.of(manifest.path("apiVersion").asText(), manifest.path("kind").asText());
    return new Manifests(flavour, workflow, Checks.nonBlank("planId", planId), manifest.deepCopy());
  }

  private boolean isFixed(ApprovedPlan plan) {
    return fixed != null && fixedPlanId.equals(plan.planned().plan().id());
  }

  record Rendered(ObjectNode manifest, ResourceRef ref) {}

  /** The kind {@link #render} makes for {@code plan}. */
  ChaosResourceKind kindFor(ApprovedPlan plan) {
    if (isFixed(plan)) {
      return ChaosResourceKind.of(fixed.path("apiVersion").asText(), fixed.path("kind").asText());
    }
    return switch (flavour) {
      case CHAOS_MESH -> ChaosResourceKind.of(plan.planned().type().kind());
      case WORKFLOW -> ChaosResourceKind.WORKFLOW;
      case LITMUS ->
          plan.planned().type().litmusExperiment() != null
              ? ChaosResourceKind.CHAOS_ENGINE
              : ChaosResourceKind.of(plan.planned().type().kind());
    };
  }

  /**
   * The labelled manifest for {@code plan}.
   *
   * @throws IllegalStateException when the manifest names a namespace other than the plan's
   */
  Rendered render(ApprovedPlan plan, String faultId) {
    String planId = plan.planned().plan().id();
    String namespace = plan.planned().plan().namespace();
    ObjectNode m =
        isFixed(plan)
            ? fixed.deepCopy()
            : switch (kindFor(plan)) {
              case WORKFLOW ->
                  mesh.workflow(
                      planId,
                      List.of(plan),
                      AbortCondition.defaults().stream().map(AbortCondition::promql).toList());
              case CHAOS_ENGINE -> litmus.chaosEngine(plan).orElseThrow();
              default -> mesh.chaos(plan);
            };
    ObjectNode meta = (ObjectNode) m.get("metadata");
    ((ObjectNode) meta.get("labels"))
        .put(KubernetesExecutor.MANAGED_BY, KubernetesExecutor.MANAGER)
        .put(KubernetesExecutor.EXPERIMENT, experimentLabel(planId));
    ((ObjectNode) meta.get("annotations")).put(KubernetesExecutor.FAULT_ID, faultId);
    List<String> foreign = foreignNamespaces(m, namespace);
    if (!foreign.isEmpty()) {
      throw new IllegalStateException(
          "the manifest for plan "
              + planId
              + " names namespaces other than the approved "
              + namespace
              + ": "
              + foreign);
    }
    ChaosResourceKind kind =
        ChaosResourceKind.of(m.path("apiVersion").asText(), m.path("kind").asText());
    return new Rendered(m, new ResourceRef(kind, namespace, meta.path("name").asText()));
  }

  /**
   * The {@code augur.io/experiment} label value for a plan id (label values are at most 63 of
   * [A-Za-z0-9._-]).
   */
  static String experimentLabel(String planId) {
    String v = Names.labelValue(planId);
    if (v.isEmpty()) {
      throw new IllegalArgumentException(
          "plan id \"" + planId + "\" has nothing a label value can hold");
    }
    return v;
  }

  /**
   * Every {@code namespace}, {@code namespaces[]} and {@code appns} in the manifest that is not
   * {@code approved}, with its path.
   */
  static List<String> foreignNamespaces(JsonNode manifest, String approved) {
    List<String> foreign = new ArrayList<>();
    namespaces(manifest, "", foreign, approved);
    return foreign;
  }

  private static void namespaces(JsonNode n, String path, List<String> foreign, String approved) {
    if (n.isObject()) {
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        String p = path + "." + e.getKey();
        JsonNode v = e.getValue();
        if ((e.getKey().equals("namespace") || e.getKey().equals("appns"))
            && v.isTextual()
            && !approved.equals(v.asText())) {
          foreign.add(p + "=" + v.asText());
        } else if (e.getKey().equals("namespaces") && v.isArray()) {
          for (JsonNode ns : v) {
            if (!approved.equals(ns.asText())) {
              foreign.add(p + "=" + ns.asText());
            }
          }
        }
        namespaces(v, p, foreign, approved);
      }
    } else if (n.isArray()) {
      for (int i = 0; i < n.size(); i++) {
        namespaces(n.get(i), path + "[" + i + "]", foreign, approved);
      }
    }
  }
}
