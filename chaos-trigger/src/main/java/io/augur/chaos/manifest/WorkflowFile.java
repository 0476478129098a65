package io.augur.chaos.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.augur.chaos.experiment.PlannedExperiment;
import io.augur.chaos.planfile.PlanFile;
import io.augur.chaos.requirements.Durations;
import io.augur.domain.Checks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Chaos Mesh {@code Workflow} written by {@code augur chaos plan} ({@link
 * ChaosMeshManifests#workflow}), read back for {@code augur chaos run}. Only a Workflow that
 * carries its source plans in the {@value ChaosMeshManifests#PLANS_ANNOTATION} annotation is
 * accepted, and only when every fault template in it is exactly what those plans make (same names,
 * kinds, deadlines and specs): a hand-written Workflow, or one whose fault templates were edited,
 * is refused, so nothing reaches a cluster that the gates have not judged. The plans themselves are
 * read as strictly as a plan file ({@link PlanFile}) and are only planned, never approved: every
 * gate runs again on them.
 *
 * <p>The non-fault templates (Serial, Parallel, StatusCheck, Task) are not compared with a
 * re-rendering (their URLs and image depend on options not in the file); every template the entry
 * reaches must exist, and every embedded plan's steps must be reachable from the entry.
 *
 * @param name the Workflow's name
 * @param namespace its namespace (every embedded plan's)
 * @param manifest the Workflow as read
 * @param plans the embedded plans, in the order the entry reaches their first fault step
 * @param budgetSeconds the longest the Workflow runs by its deadlines (Serial: sum, Parallel: max)
 */
public record WorkflowFile(
    String name,
    String namespace,
    ObjectNode manifest,
    List<PlannedExperiment> plans,
    long budgetSeconds) {
  private static final Set<String> NON_FAULT =
      Set.of("Serial", "Parallel", "Task", "StatusCheck", "Suspend", "Schedule");

  public WorkflowFile {
    Checks.nonBlank("name", name);
    Checks.nonBlank("namespace", namespace);
    Checks.nonNull("manifest", manifest);
    plans = List.copyOf(Checks.noNullElements("plans", plans));
  }

  /** Whether {@code text} is a Chaos Mesh Workflow manifest (not a plan file). */
  public static boolean isWorkflow(String text) {
    try {
      JsonNode n = ManifestWriter.read(text);
      return n != null
          && n.isObject()
          && "Workflow".equals(n.path("kind").asText())
          && n.path("apiVersion").asText().startsWith("chaos-mesh.org/");
    } catch (RuntimeException e) {
      return false; // a YAML stream of plans, JSON, or not YAML: the plan-file reader says what is
      // wrong
    }
  }

  /**
   * Whether the file is a Workflow manifest; false when it cannot be read (the plan reader reports
   * that).
   */
  public static boolean isWorkflow(Path file) {
    try {
      return isWorkflow(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  public static WorkflowFile read(Path file) {
    Checks.nonNull("file", file);
    try {
      return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "workflow " + file + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** The Workflow in {@code text}; {@code source} names it in messages. */
  public static WorkflowFile parse(String source, String text) {
    String where = "workflow " + source;
    JsonNode root = ManifestWriter.read(text);
    if (!(root instanceof ObjectNode m) || !"Workflow".equals(root.path("kind").asText())) {
      throw new IllegalArgumentException(where + ": not a Chaos Mesh Workflow (kind: Workflow)");
    }
    String name = m.path("metadata").path("name").asText("");
    String namespace = m.path("metadata").path("namespace").asText("");
    if (name.isBlank() || namespace.isBlank()) {
      throw new IllegalArgumentException(
          where + ": metadata.name and metadata.namespace are required");
    }
    where = "workflow " + source + " (" + namespace + "/" + name + ")";
    JsonNode embedded =
        m.path("metadata").path("annotations").path(ChaosMeshManifests.PLANS_ANNOTATION);
    if (!embedded.isTextual() || embedded.asText().isBlank()) {
      throw new IllegalArgumentException(
          where
              + " has no "
              + ChaosMeshManifests.PLANS_ANNOTATION
              + " annotation, so its steps cannot be gated: augur chaos run only runs Workflows written by augur chaos "
              + "plan (augur chaos plan --predictions FILE --out DIR writes DIR/workflow-augur-suite-<time>.yaml), or "
              + "plan files (DIR/plans/<id>.plan.yaml)");
    }
    List<PlannedExperiment> plans =
        PlanFile.parse(
            where + " annotation " + ChaosMeshManifests.PLANS_ANNOTATION, embedded.asText(), true);
    for (PlannedExperiment p : plans) {
      if (!namespace.equals(p.plan().namespace())) {
        throw new IllegalArgumentException(
            where
                + ": embedded plan "
                + p.plan().id()
                + " is for namespace "
                + p.plan().namespace()
                + ", the Workflow is in "
                + namespace);
      }
    }
    Map<String, JsonNode> templates = new LinkedHashMap<>();
    for (JsonNode t : m.path("spec").path("templates")) {
      String tn = t.path("name").asText("");
      if (tn.isBlank() || templates.putIfAbsent(tn, t) != null) {
        throw new IllegalArgumentException(
            where + ": template names must be present and unique, got \"" + tn + "\"");
      }
    }
    // the fault templates the embedded plans make, by name, normalised through YAML as the file was
    Map<String, JsonNode> expected = new LinkedHashMap<>();
    Map<String, Integer> planOf = new LinkedHashMap<>();
    for (int i = 0; i < plans.size(); i++) {
      PlannedExperiment p = plans.get(i);
      String prefix = ChaosMeshManifests.faultPrefix(i, p);
      for (int k = 0; k < p.rollout().size(); k++) {
        String step = ChaosMeshManifests.stepName(prefix, k);
        expected.put(
            step,
            ManifestWriter.read(
                ManifestWriter.yaml(
                    ChaosMeshManifests.faultTemplate(step, p, p.rollout().get(k)))));
        planOf.put(step, i);
      }
    }
    for (Map.Entry<String, JsonNode> t : templates.entrySet()) {
      String type = t.getValue().path("templateType").asText("");
      if (NON_FAULT.contains(type)) {
        if (expected.containsKey(t.getKey())) {
          throw tampered(
              where, t.getKey(), "is a " + type + ", the embedded plans make it a fault");
        }
        continue;
      }
      JsonNode want = expected.get(t.getKey());
      if (want == null) {
        throw tampered(where, t.getKey(), "(" + type + ") is not a step of any embedded plan");
      }
      if (!want.equals(t.getValue())) {
        throw tampered(
            where,
            t.getKey(),
            "("
                + type
                + ") differs from what embedded plan "
                + plans.get(planOf.get(t.getKey())).plan().id()
                + " makes");
      }
    }
    for (String step : expected.keySet()) {
      if (!templates.containsKey(step)) {
        throw tampered(
            where,
            step,
            "of embedded plan " + plans.get(planOf.get(step)).plan().id() + " is missing");
      }
    }
    String entry = m.path("spec").path("entry").asText("");
    if (!templates.containsKey(entry)) {
      throw new IllegalArgumentException(
          where + ": spec.entry \"" + entry + "\" is not a template");
    }
    List<Integer> order = new ArrayList<>();
    long budget = walk(where, entry, templates, planOf, order, new HashSet<>());
    if (order.size() != plans.size()) {
      List<String> unreached = new ArrayList<>();
      for (int i = 0; i < plans.size(); i++) {
        if (!order.contains(i)) {
          unreached.add(plans.get(i).plan().id());
        }
      }
      throw new IllegalArgumentException(
          where
              + ": the steps of embedded plan(s) "
              + unreached
              + " are not reached from spec.entry "
              + entry);
    }
    return new WorkflowFile(name, namespace, m, order.stream().map(plans::get).toList(), budget);
  }

  private static IllegalArgumentException tampered(String where, String template, String what) {
    return new IllegalArgumentException(
        where
            + ": template "
            + template
            + " "
            + what
            + "; the Workflow was edited after augur chaos plan wrote it, refusing to run it (plan again)");
  }

  /**
   * Depth first from {@code name}: the plans in the order their first step is reached; returns the
   * deadline budget in s.
   */
  private static long walk(
      String where,
      String name,
      Map<String, JsonNode> templates,
      Map<String, Integer> planOf,
      List<Integer> order,
      Set<String> path) {
    JsonNode t = templates.get(name);
    if (t == null) {
      throw new IllegalArgumentException(
          where + ": template " + name + " is referenced but not defined");
    }
    if (!path.add(name)) {
      throw new IllegalArgumentException(where + ": template " + name + " contains itself");
    }
    try {
      String type = t.path("templateType").asText("");
      if (type.equals("Serial") || type.equals("Parallel")) {
        long sum = 0;
        long max = 0;
        for (JsonNode c : t.path("children")) {
          long b = walk(where, c.asText(), templates, planOf, order, path);
          sum += b;
          max = Math.max(max, b);
        }
        return type.equals("Serial") ? sum : max;
      }
      Integer plan = planOf.get(name);
      if (plan != null && !order.contains(plan)) {
        order.add(plan);
      }
      String deadline = t.path("deadline").asText("");
      return deadline.isBlank()
          ? 0
          : (Durations.parse(where + " template " + name + " deadline", deadline).toMillis() + 999)
              / 1000;
    } finally {
      path.remove(name);
    }
  }
}
