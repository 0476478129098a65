package io.augur.chaos.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.augur.chaos.TestPlans;
import io.augur.chaos.catalogue.ExperimentType;
import io.augur.chaos.safety.ApprovedPlan;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every catalogue entry yields manifests the real CRD schemas accept, and that pass the extra
 * checks.
 */
class ManifestSchemaTest {
  private final ChaosMeshManifests mesh = new ChaosMeshManifests(WorkflowOptions.DEFAULT);
  private final List<String> queries = List.of("sum(rate(http_requests_total{code=~\"5..\"}[1m]))");

  @BeforeEach
  void needSchemas() {
    assumeTrue(
        CrdSchemas.available(),
        "CRD schemas missing under " + CrdSchemas.root() + " (set -Daugur.schemas)");
  }

  /** Renders to YAML and reads back, so what is validated is what is written. */
  private static JsonNode roundTrip(JsonNode m) {
    JsonNode back = ManifestWriter.read(ManifestWriter.yaml(m));
    assertEquals(m, back, "YAML round trip changed the manifest");
    return back;
  }

  private static void assertValid(String crd, JsonNode m) {
    JsonNode back = roundTrip(m);
    assertEquals(
        List.of(), CrdSchemas.validate(crd, back), crd + " rejects\n" + ManifestWriter.yaml(m));
    assertEquals(List.of(), ManifestChecks.check(back), ManifestWriter.yaml(m));
  }

  @ParameterizedTest
  @EnumSource(ExperimentType.class)
  void shouldGenerateSchemaValidChaosScheduleAndWorkflow(ExperimentType type) {
    ApprovedPlan a = TestPlans.approved(type);
    assertEquals(
        2,
        a.planned().rollout().size() + (type == ExperimentType.NODE_FAILURE ? 1 : 0),
        "progressive rollout expected for " + type);
    ObjectNode chaos = mesh.chaos(a);
    assertEquals(type.kind().kind(), chaos.path("kind").asText());
    assertValid("chaos-mesh/" + type.kind().crdFile(), chaos);
    assertValid("chaos-mesh/chaos-mesh.org_schedules.yaml", mesh.schedule(a, "0 10 * * 1-5"));
    assertValid(
        "chaos-mesh/chaos-mesh.org_workflows.yaml",
        mesh.workflow("suite-" + type.id(), List.of(a), queries));
  }

  @ParameterizedTest
  @EnumSource(ExperimentType.class)
  void shouldGenerateSchemaValidChaosEngineWhereLitmusHasTheExperiment(ExperimentType type) {
    Optional<ObjectNode> engine = new LitmusManifests().chaosEngine(TestPlans.approved(type));
    assertEquals(type.litmusExperiment() != null, engine.isPresent());
    engine.ifPresent(
        e -> {
          assertValid("litmus/chaosengine_crd.yaml", e);
          assertEquals(
              type.litmusExperiment(),
              e.path("spec").path("experiments").path(0).path("name").asText());
        });
  }

  @Test
  void shouldGenerateOneSuiteWithEveryCatalogueEntryInParallel() {
    List<ApprovedPlan> all =
        Arrays.stream(ExperimentType.values()).map(TestPlans::approved).toList();
    ObjectNode wf = mesh.workflow("resilience-suite", all, queries);
    assertValid("chaos-mesh/chaos-mesh.org_workflows.yaml", wf);
    assertValid(
        "chaos-mesh/chaos-mesh.org_schedules.yaml",
        mesh.scheduleWorkflow("nightly", all, queries, "0 2 * * *"));
    JsonNode suite = wf.path("spec").path("templates").path(0);
    assertEquals("Serial", suite.path("templateType").asText());
    assertEquals(
        "[\"baseline\",\"fault-tests\",\"recovery-validation\",\"report\"]",
        suite.path("children").toString());
    assertEquals(
        "suite", wf.path("metadata").path("labels").path("augur.io/experiment-type").asText());
    assertEquals(
        all.size(),
        wf.path("metadata")
            .path("annotations")
            .path("augur.io/plan-id")
            .asText()
            .split(",")
            .length);
    JsonNode faults = find(wf, "fault-tests");
    assertEquals("Parallel", faults.path("templateType").asText());
    assertEquals(ExperimentType.values().length, faults.path("children").size());
  }

  @Test
  void shouldRejectBrokenManifestsSoTheValidationCanFail() {
    ObjectNode chaos = mesh.chaos(TestPlans.approved(ExperimentType.POD_KILL));
    ((ObjectNode) chaos.path("spec")).put("mode", "everything");
    ((ObjectNode) chaos.path("spec")).remove("selector");
    List<String> errors = CrdSchemas.validate("chaos-mesh/chaos-mesh.org_podchaos.yaml", chaos);
    assertFalse(errors.isEmpty());
    assertTrue(errors.stream().anyMatch(e -> e.contains("selector")), errors.toString());
    ((ObjectNode) chaos.path("metadata")).put("name", "Bad_Name");
    ((ObjectNode) chaos.path("spec")).put("duration", "30 seconds");
    List<String> problems = ManifestChecks.check(chaos);
    assertTrue(problems.stream().anyMatch(p -> p.contains("DNS-1123")), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.contains("not a duration")), problems.toString());
    assertTrue(
        problems.stream().anyMatch(p -> p.contains("selector.namespaces is missing")),
        problems.toString());
  }

  private static JsonNode find(JsonNode wf, String name) {
    for (JsonNode t : wf.path("spec").path("templates")) {
      if (name.equals(t.path("name").asText())) {
        return t;
      }
    }
    throw new AssertionError("no template " + name);
  }
}
