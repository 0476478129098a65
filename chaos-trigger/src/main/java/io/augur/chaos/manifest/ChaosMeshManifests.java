package io.augur.chaos.manifest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.augur.chaos.experiment.Names;
import io.augur.chaos.experiment.PlannedExperiment;
import io.augur.chaos.experiment.RolloutStep;
import io.augur.chaos.planfile.PlanFile;
import io.augur.chaos.recovery.RecoveryTest;
import io.augur.chaos.recovery.ValidationStep;
import io.augur.chaos.safety.ApprovedPlan;
import io.augur.chaos.safety.NamespaceAllowlist;
import io.augur.domain.Checks;
import io.augur.domain.ExperimentPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Chaos Mesh manifests ({@code chaos-mesh.org/v1alpha1}) from approved plans:
 *
 * <ul>
 *   <li>{@link #chaos}: the plan's first rollout step as a standalone chaos object (e.g. PodChaos);
 *   <li>{@link #workflow}: a resilience suite, Serial[baseline, Parallel[per plan: Serial[step 1,
 *       health check, step 2, ...]], Parallel[recovery check per plan], report];
 *   <li>{@link #schedule}: a recurring experiment (first rollout step only, concurrency Forbid);
 *   <li>{@link #scheduleWorkflow}: the suite on a cron schedule.
 * </ul>
 */
public final class ChaosMeshManifests {
  public static final String API_VERSION = "chaos-mesh.org/v1alpha1";

  /**
   * The Workflow annotation holding the source plans (a JSON array in the plan-file format), so
   * that {@code augur chaos run} can gate every step again and check the fault templates against
   * them.
   */
  public static final String PLANS_ANNOTATION = "augur.io/plans";

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final WorkflowOptions options;

  public ChaosMeshManifests(WorkflowOptions options) {
    this.options = Checks.nonNull("options", options);
  }

  public ObjectNode chaos(ApprovedPlan approved) {
    PlannedExperiment p = checked(approved);
    ExperimentPlan plan = p.plan();
    ObjectNode m = header(p.type().kind().kind(), plan.id(), plan.namespace(), approved);
    m.set(
        "spec",
        ChaosSpecs.spec(
            p.type(),
            p.selection(),
            p.rollout().get(0),
            ChaosSpecs.goDuration(plan.durationSeconds())));
    return m;
  }

  public ObjectNode schedule(ApprovedPlan approved, String cron) {
    PlannedExperiment p = checked(approved);
    checkCron(cron);
    ExperimentPlan plan = p.plan();
    ObjectNode m =
        header("Schedule", Names.dns1123(plan.id() + "-schedule", 63), plan.namespace(), approved);
    ObjectNode spec = m.putObject("spec");
    spec.put("schedule", cron.trim())
        .put("type", p.type().kind().kind())
        .put("historyLimit", 5)
        .put("concurrencyPolicy", "Forbid")
        .put("startingDeadlineSeconds", 300);
    spec.set(
        p.type().kind().field(),
        ChaosSpecs.spec(
            p.type(),
            p.selection(),
            p.rollout().get(0),
            ChaosSpecs.goDuration(plan.durationSeconds())));
    return m;
  }

  /** The suite {@link #workflow} run on a cron schedule: a {@code Schedule} of type Workflow. */
  public ObjectNode scheduleWorkflow(
      String name, List<ApprovedPlan> approved, List<String> baselineQueries, String cron) {
    ObjectNode wf = workflow(name, approved, baselineQueries);
    checkCron(cron);
    ObjectNode m =
        header(
            "Schedule",
            Names.dns1123(wf.path("metadata").path("name").asText() + "-schedule", 63),
            wf.path("metadata").path("namespace").asText(),
            approved.get(0));
    ObjectNode spec = m.putObject("spec");
    spec.put("schedule", cron.trim())
        .put("type", "Workflow")
        .put("historyLimit", 5)
        .put("concurrencyPolicy", "Forbid")
        .put("startingDeadlineSeconds", 300);
    spec.set("workflow", wf.get("spec"));
    suiteMetadata(m, approved);
    return m;
  }

  private static void checkCron(String cron) {
    Checks.nonBlank("cron", cron);
    if (cron.trim().split("\\s+").length != 5 && !cron.trim().startsWith("@")) {
      throw new IllegalArgumentException(
          "cron must have 5 fields or be a @descriptor, got \"" + cron + "\"");
    }
  }

  /**
   * A suite over several approved plans, in the namespace of the first.
   *
   * @param baselineQueries PromQL the baseline and report tasks record (e.g. the abort conditions')
   */
  public ObjectNode workflow(
      String name, List<ApprovedPlan> approved, List<String> baselineQueries) {
    return workflow(name, approved, baselineQueries, Map.of());
  }

  /**
   * The suite, where a plan with a recovery test (by plan id) is judged by that test's validation
   * steps ({@link RecoveryWorkflows}: StatusCheck where it can express a step, a Task otherwise) in
   * place of the fixed health check.
   */
  public ObjectNode workflow(
      String name,
      List<ApprovedPlan> approved,
      List<String> baselineQueries,
      Map<String, RecoveryTest> recoveryTests) {
    Checks.noNullEntries("recoveryTests", recoveryTests);
    Checks.noNullElements("approved", approved);
    if (approved.isEmpty()) {
      throw new IllegalArgumentException(
          "approved must hold at least one plan for workflow " + name);
    }
    List<PlannedExperiment> plans = approved.stream().map(ChaosMeshManifests::checked).toList();
    String wfName = Names.dns1123(Checks.nonBlank("name", name), 63);
    ObjectNode m = header("Workflow", wfName, plans.get(0).plan().namespace(), approved.get(0));
    suiteMetadata(m, approved);
    ((ObjectNode) m.get("metadata").get("annotations"))
        .put(PLANS_ANNOTATION, PlanFile.toJson(plans));
    ObjectNode spec = m.putObject("spec");
    spec.put("entry", "suite");
    ArrayNode templates = spec.putArray("templates");
    serial(templates, "suite", List.of("baseline", "fault-tests", "recovery-validation", "report"));
    task(templates, "baseline", options.baselineSeconds(), baselineQueries);
    List<String> rollouts = new ArrayList<>();
    List<String> recoveries = new ArrayList<>();
    for (int i = 0; i < plans.size(); i++) {
      PlannedExperiment p = plans.get(i);
      String prefix = faultPrefix(i, p);
      List<String> steps = new ArrayList<>();
      for (int k = 0; k < p.rollout().size(); k++) {
        if (k > 0) {
          String check = prefix + "-check" + k;
          statusCheck(templates, check, p, 60);
          steps.add(check);
        }
        String step = stepName(prefix, k);
        templates.add(faultTemplate(step, p, p.rollout().get(k)));
        steps.add(step);
      }
      serial(templates, prefix, steps);
      rollouts.add(prefix);
      String rec = prefix + "-recovered";
      RecoveryTest test = recoveryTests.get(p.plan().id());
      if (test == null) {
        statusCheck(templates, rec, p, options.recoverySeconds());
      } else {
        RecoveryWorkflows checks = new RecoveryWorkflows(options);
        List<String> names = new ArrayList<>();
        for (ValidationStep v : test.validation()) {
          names.add(checks.step(templates, prefix + "-v", v, test, test.expectedRecovery()));
        }
        node(templates, rec, "Parallel", names);
      }
      recoveries.add(rec);
    }
    parallel(templates, "fault-tests", rollouts);
    parallel(templates, "recovery-validation", recoveries);
    task(templates, "report", 60, baselineQueries);
    return m;
  }

  /** The name prefix of the {@code i}-th (from 0) plan's templates in a suite. */
  static String faultPrefix(int i, PlannedExperiment p) {
    return Names.dns1123("f" + (i + 1) + "-" + p.type().id(), 40);
  }

  static String stepName(String prefix, int k) {
    return prefix + "-step" + (k + 1);
  }

  /**
   * The fault template of one rollout step, exactly as {@link #workflow} writes it (and {@link
   * WorkflowFile} checks it).
   */
  static ObjectNode faultTemplate(String name, PlannedExperiment p, RolloutStep step) {
    ObjectNode t = F.objectNode();
    t.put("name", name)
        .put("templateType", p.type().kind().kind())
        .put("deadline", ChaosSpecs.goDuration(p.plan().durationSeconds()));
    t.set(p.type().kind().field(), ChaosSpecs.spec(p.type(), p.selection(), step, null));
    return t;
  }

  private void statusCheck(ArrayNode templates, String name, PlannedExperiment p, int seconds) {
    ObjectNode t = templates.addObject();
    t.put("name", name)
        .put("templateType", "StatusCheck")
        .put("deadline", ChaosSpecs.goDuration(seconds))
        .put("abortWithStatusCheck", true);
    ObjectNode sc = t.putObject("statusCheck");
    sc.put("mode", "Synchronous")
        .put("type", "HTTP")
        .put("intervalSeconds", 5)
        .put("timeoutSeconds", 2)
        .put("successThreshold", 1)
        .put("failureThreshold", 3);
    String app = p.selection().sortedLabels().values().iterator().next();
    ObjectNode http = sc.putObject("http");
    http.put("url", options.healthUrl(app, p.selection().namespace())).put("method", "GET");
    http.putObject("criteria").put("statusCode", "200-299");
  }

  private void task(ArrayNode templates, String name, int seconds, List<String> queries) {
    ObjectNode t = templates.addObject();
    t.put("name", name).put("templateType", "Task").put("deadline", ChaosSpecs.goDuration(seconds));
    StringBuilder script = new StringBuilder("set -e");
    for (String q : queries) {
      script
          .append("; curl -sfG ")
          .append(shellQuote(options.prometheusUrl() + "/api/v1/query"))
          .append(" --data-urlencode ")
          .append(shellQuote("query=" + q))
          .append("; echo");
    }
    ObjectNode container = t.putObject("task").putObject("container");
    container.put("name", name).put("image", options.taskImage());
    container.putArray("command").add("sh").add("-c").add(script.toString());
  }

  private static void serial(ArrayNode templates, String name, List<String> children) {
    node(templates, name, "Serial", children);
  }

  private static void parallel(ArrayNode templates, String name, List<String> children) {
    node(templates, name, "Parallel", children);
  }

  private static void node(ArrayNode templates, String name, String type, List<String> children) {
    ObjectNode t = templates.addObject();
    t.put("name", name).put("templateType", type);
    ArrayNode c = t.putArray("children");
    children.forEach(c::add);
  }

  /** A suite's metadata names every plan, target and approver, not just the first plan's. */
  private static void suiteMetadata(ObjectNode m, List<ApprovedPlan> approved) {
    ObjectNode meta = (ObjectNode) m.get("metadata");
    ((ObjectNode) meta.get("labels")).put("augur.io/experiment-type", "suite");
    ObjectNode ann = (ObjectNode) meta.get("annotations");
    ann.put(
        "augur.io/plan-id",
        String.join(",", approved.stream().map(a -> a.planned().plan().id()).toList()));
    ann.put(
        "augur.io/approved-by",
        String.join(",", approved.stream().map(ApprovedPlan::approvedBy).distinct().toList()));
    ann.put(
        "augur.io/targets",
        String.join(
            ",", approved.stream().flatMap(a -> a.planned().plan().targets().stream()).toList()));
    ann.put(
        "augur.io/blast-radius",
        Double.toString(
            approved.stream().mapToDouble(a -> a.planned().plan().blastRadius()).max().orElse(0)));
  }

  static String shellQuote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  static ObjectNode header(String kind, String name, String namespace, ApprovedPlan approved) {
    ObjectNode m = F.objectNode();
    m.put("apiVersion", kind.equals("ChaosEngine") ? LitmusManifests.API_VERSION : API_VERSION)
        .put("kind", kind);
    ObjectNode meta = m.putObject("metadata");
    meta.put("name", name).put("namespace", namespace);
    meta.putObject("labels")
        .put("app.kubernetes.io/managed-by", "augur")
        .put("augur.io/experiment-type", approved.planned().type().id());
    ExperimentPlan plan = approved.planned().plan();
    meta.putObject("annotations")
        .put("augur.io/plan-id", plan.id())
        .put("augur.io/approved-by", approved.approvedBy())
        .put("augur.io/targets", String.join(",", plan.targets()))
        .put("augur.io/blast-radius", Double.toString(plan.blastRadius()))
        .put("augur.io/rollback-triggers", String.join("\n", plan.rollbackTriggers()));
    return m;
  }

  /** Belt and braces: an approved plan is re-checked against the one rule that never bends. */
  static PlannedExperiment checked(ApprovedPlan approved) {
    Checks.nonNull("approved", approved);
    PlannedExperiment p = approved.planned();
    if (NamespaceAllowlist.isForbidden(p.plan().namespace())) {
      throw new IllegalStateException("refusing a manifest for namespace " + p.plan().namespace());
    }
    return p;
  }
}
