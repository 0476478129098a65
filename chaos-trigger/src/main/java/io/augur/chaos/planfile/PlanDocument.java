package io.augur.chaos.planfile;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.augur.chaos.catalogue.ExperimentType;
import io.augur.chaos.experiment.PlannedExperiment;
import io.augur.chaos.experiment.RolloutStep;
import io.augur.chaos.experiment.Selection;
import io.augur.domain.ExperimentPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Version 1 of the plan file, field for field; the domain records are made from it only after every
 * field is checked, so a message can name the field. Boxed types: a missing field is null, not 0.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "apiVersion",
  "kind",
  "plan",
  "type",
  "selection",
  "rollout",
  "affectedComponents"
})
record PlanDocument(
    String apiVersion,
    String kind,
    Plan plan,
    String type,
    Sel selection,
    List<Step> rollout,
    Integer affectedComponents) {
  static final String API_VERSION = "augur.io/v1";
  static final String KIND = "ChaosPlan";

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({
    "id",
    "targets",
    "namespace",
    "experimentType",
    "failureMode",
    "durationSeconds",
    "blastRadius",
    "requiresApproval",
    "createdAtMs",
    "successCriteria",
    "rollbackTriggers",
    "evidence"
  })
  record Plan(
      String id,
      List<String> targets,
      String namespace,
      String experimentType,
      String failureMode,
      Long durationSeconds,
      Double blastRadius,
      List<String> successCriteria,
      List<String> rollbackTriggers,
      Map<String, String> evidence,
      Boolean requiresApproval,
      Long createdAtMs) {}

  /** The selection; its namespace is the plan's. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"labels", "targetPods", "systemPods", "node", "pod", "trafficShare"})
  record Sel(
      Map<String, String> labels,
      Integer targetPods,
      Integer systemPods,
      String node,
      String pod,
      Double trafficShare) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"mode", "percent", "podsHit"})
  record Step(String mode, Integer percent, Integer podsHit) {}

  static PlanDocument of(PlannedExperiment p) {
    ExperimentPlan e = p.plan();
    Selection s = p.selection();
    List<Step> steps = new ArrayList<>();
    for (RolloutStep r : p.rollout()) {
      steps.add(
          new Step(r.mode(), "fixed-percent".equals(r.mode()) ? r.percent() : null, r.podsHit()));
    }
    return new PlanDocument(
        API_VERSION,
        KIND,
        new Plan(
            e.id(),
            e.targets(),
            e.namespace(),
            e.experimentType(),
            e.failureMode(),
            e.durationSeconds(),
            e.blastRadius(),
            e.successCriteria(),
            e.rollbackTriggers(),
            new java.util.TreeMap<>(e.evidence()),
            e.requiresApproval(),
            e.createdAtMs()),
        p.type().id(),
        new Sel(
            new java.util.TreeMap<>(s.labels()),
            s.targetPods(),
            s.systemPods(),
            s.node(),
            s.pod(),
            s.trafficShare()),
        steps,
        p.affectedComponents());
  }

  /**
   * The planned experiment; an {@link IllegalArgumentException} naming the field and value
   * otherwise.
   */
  PlannedExperiment toPlanned() {
    if (!API_VERSION.equals(apiVersion)) {
      throw new IllegalArgumentException(
          "field apiVersion must be " + API_VERSION + ", got " + Fields.quote(apiVersion));
    }
    if (!KIND.equals(kind)) {
      throw new IllegalArgumentException(
          "field kind must be " + KIND + ", got " + Fields.quote(kind));
    }
    Fields.present("plan", plan);
    String id = Fields.planId("plan.id", plan.id());
    ExperimentPlan e =
        Fields.build(
            "plan",
            () ->
                new ExperimentPlan(
                    id,
                    Fields.present("plan.targets", plan.targets()),
                    Fields.present("plan.namespace", plan.namespace()),
                    Fields.present("plan.experimentType", plan.experimentType()),
                    plan.failureMode(),
                    Fields.present("plan.durationSeconds", plan.durationSeconds()),
                    Fields.present("plan.blastRadius", plan.blastRadius()),
                    plan.successCriteria(),
                    plan.rollbackTriggers(),
                    plan.evidence(),
                    Fields.present("plan.requiresApproval", plan.requiresApproval()),
                    Fields.present("plan.createdAtMs", plan.createdAtMs())));
    ExperimentType t = Fields.type("type", Fields.present("type", type));
    Fields.present("selection", selection);
    Selection s =
        Fields.build(
            "selection",
            () ->
                new Selection(
                    e.namespace(),
                    Fields.present("selection.labels", selection.labels()),
                    Fields.present("selection.targetPods", selection.targetPods()),
                    Fields.present("selection.systemPods", selection.systemPods()),
                    selection.node(),
                    selection.pod(),
                    selection.trafficShare()));
    List<Step> raw = Fields.present("rollout", rollout);
    List<RolloutStep> steps = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      Step r = Fields.present("rollout[" + i + "]", raw.get(i));
      String where = "rollout[" + i + "]";
      steps.add(
          Fields.build(
              where,
              () ->
                  new RolloutStep(
                      Fields.present(where + ".mode", r.mode()),
                      r.percent() == null ? 0 : r.percent(),
                      Fields.present(where + ".podsHit", r.podsHit()))));
      RolloutStep st = steps.get(i);
      if (st.podsHit() > s.targetPods()) {
        throw new IllegalArgumentException(
            "field "
                + where
                + ".podsHit "
                + st.podsHit()
                + " is more than selection.targetPods "
                + s.targetPods());
      }
    }
    int affected = Fields.present("affectedComponents", affectedComponents);
    return Fields.build("plan " + id, () -> new PlannedExperiment(e, t, s, steps, affected));
  }
}
