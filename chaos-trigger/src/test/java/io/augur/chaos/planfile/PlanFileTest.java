package io.augur.chaos.planfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.augur.chaos.TestPlans;
import io.augur.chaos.catalogue.ExperimentType;
import io.augur.chaos.experiment.PlannedExperiment;
import io.augur.chaos.experiment.RolloutStep;
import io.augur.chaos.experiment.Selection;
import io.augur.domain.ExperimentPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanFileTest {
  @TempDir Path dir;

  static PlannedExperiment planned(ExperimentType type) {
    return TestPlans.approved(type).planned();
  }

  /** A plan with every optional field set (traffic share, node, pod) and collateral. */
  static PlannedExperiment withEverything() {
    ExperimentPlan p =
        new ExperimentPlan(
            "augur-cpu-spike-cart-1-1772445600",
            List.of("cart/cart-0:8080"),
            "shop",
            "cpu-spike",
            "cpu-saturation",
            120,
            0.04,
            List.of("cart keeps serving"),
            List.of("error-rate > 0.05 for 30s"),
            Map.of("rank", "1", "param.load", "90"),
            true,
            1_772_445_600_000L);
    return new PlannedExperiment(
        p,
        ExperimentType.CPU_SPIKE,
        new Selection("shop", Map.of("app", "cart"), 8, 100, "node-a", "cart-7d9f8-x2k4q", 0.3),
        List.of(RolloutStep.onePod(), RolloutStep.percentOf(25, 8)),
        2);
  }

  @Test
  void shouldRoundTripOnePlanThroughYamlAndJson() throws Exception {
    PlannedExperiment p = planned(ExperimentType.POD_KILL);
    Path yaml = PlanFile.write(dir.resolve("one.plan.yaml"), List.of(p));
    assertEquals(List.of(p), PlanFile.read(yaml));
    Path json = PlanFile.write(dir.resolve("one.json"), List.of(withEverything()));
    assertTrue(Files.readString(json).trim().startsWith("["), "a JSON list of plans is an array");
    assertEquals(List.of(withEverything()), PlanFile.read(json));
    Files.writeString(dir.resolve("single.json"), PlanFile.toJson(p));
    assertEquals(List.of(p), PlanFile.read(dir.resolve("single.json")));
  }

  @Test
  void shouldWriteAVersionedDocumentAPersonCanRead() {
    String y = PlanFile.toYaml(withEverything());
    assertTrue(y.contains("apiVersion: augur.io/v1"), y);
    assertTrue(y.contains("kind: ChaosPlan"), y);
    assertTrue(y.contains("type: cpu-spike"), y);
    assertTrue(y.contains("rank: \"1\""), "numbers in evidence stay strings: " + y);
  }

  @Test
  void shouldRoundTripListsAsYamlDocumentsAndAsAYamlSequence() throws Exception {
    List<PlannedExperiment> ps =
        List.of(
            planned(ExperimentType.LATENCY_INJECTION),
            withEverything(),
            planned(ExperimentType.MEMORY_STRESS));
    Path stream = PlanFile.write(dir.resolve("all.plan.yaml"), ps);
    assertEquals(
        3, Files.readString(stream).split("(?m)^---").length - 1, "one YAML document per plan");
    assertEquals(ps, PlanFile.read(stream));
    // a YAML list of documents reads the same (JSON is YAML)
    Path seq = Files.writeString(dir.resolve("seq.yaml"), PlanFile.toJson(ps));
    assertEquals(ps, PlanFile.read(seq));
  }

  @Test
  void shouldNameThePlanFileWithThePlanId() {
    PlannedExperiment p = planned(ExperimentType.DISK_FAULT);
    Path f = PlanFile.writeTo(dir.resolve("plans"), p);
    assertEquals(p.plan().id() + ".plan.yaml", f.getFileName().toString());
    assertEquals(List.of(p), PlanFile.read(f));
  }

  private String rejected(String name, String text) throws Exception {
    Path f = Files.writeString(dir.resolve(name), text);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PlanFile.read(f));
    assertTrue(e.getMessage().contains(f.toString()), "names the file: " + e.getMessage());
    return e.getMessage();
  }

  private String yaml() {
    return PlanFile.toYaml(withEverything());
  }

  @Test
  void shouldRejectAnUnknownFieldNamingFileAndField() throws Exception {
    String m =
        rejected(
            "unknown.yaml", yaml().replace("  targetPods: 8", "  targetPods: 8\n  maxPods: 9"));
    assertTrue(m.contains("unknown field selection.maxPods"), m);
    m = rejected("unknown-top.yaml", yaml() + "approvedBy: me\n");
    assertTrue(m.contains("unknown field approvedBy"), m);
  }

  @Test
  void shouldRejectValuesOfTheWrongTypeNamingFieldAndValue() throws Exception {
    String m = rejected("text-count.yaml", yaml().replace("targetPods: 8", "targetPods: many"));
    assertTrue(m.contains("field selection.targetPods") && m.contains("\"many\""), m);
    m =
        rejected(
            "quoted-number.yaml",
            yaml().replace("durationSeconds: 120", "durationSeconds: \"120\""));
    assertTrue(m.contains("field plan.durationSeconds"), m);
    m = rejected("fraction.yaml", yaml().replace("podsHit: 2", "podsHit: 1.5"));
    assertTrue(m.contains("field rollout[1].podsHit"), m);
    m =
        rejected(
            "bool.yaml", yaml().replace("requiresApproval: true", "requiresApproval: \"yes\""));
    assertTrue(m.contains("field plan.requiresApproval"), m);
  }

  @Test
  void shouldRejectValuesTheRecordsRefuseNamingTheField() throws Exception {
    String m = rejected("pods.yaml", yaml().replace("systemPods: 100", "systemPods: 4"));
    assertTrue(m.contains("targetPods=8 systemPods=4"), m);
    m = rejected("mode.yaml", yaml().replace("mode: fixed-percent", "mode: most"));
    assertTrue(m.contains("rollout[1]") && m.contains("\"most\""), m);
    m = rejected("type.yaml", yaml().replace("type: cpu-spike", "type: meteor-strike"));
    assertTrue(m.contains("field type") && m.contains("meteor-strike"), m);
    m = rejected("mismatch.yaml", yaml().replace("type: cpu-spike", "type: pod-kill"));
    assertTrue(m.contains("pod-kill") && m.contains("cpu-spike"), m);
    m = rejected("missing.yaml", yaml().replace("  systemPods: 100\n", ""));
    assertTrue(m.contains("field selection.systemPods is missing"), m);
    m = rejected("hit.yaml", yaml().replace("podsHit: 2", "podsHit: 20"));
    assertTrue(m.contains("rollout[1].podsHit 20"), m);
    m =
        rejected(
            "id.yaml",
            yaml().replace("id: augur-cpu-spike-cart-1-1772445600", "id: ../../etc/passwd"));
    assertTrue(m.contains("field plan.id") && m.contains("../../etc/passwd"), m);
  }

  @Test
  void shouldRejectOtherVersionsKindsAndDuplicateFields() throws Exception {
    String m = rejected("v2.yaml", yaml().replace("augur.io/v1", "augur.io/v2"));
    assertTrue(m.contains("field apiVersion") && m.contains("augur.io/v2"), m);
    m = rejected("kind.yaml", yaml().replace("kind: ChaosPlan", "kind: PodChaos"));
    assertTrue(m.contains("field kind") && m.contains("PodChaos"), m);
    m =
        rejected(
            "dup.yaml",
            yaml().replace("  systemPods: 100", "  systemPods: 100\n  systemPods: 100000"));
    assertTrue(m.contains("systemPods"), m);
    m = rejected("scalar.yaml", "just a string\n");
    assertTrue(m.contains("must be a map"), m);
    m = rejected("empty.yaml", "");
    assertTrue(m.contains("holds no plan"), m);
    m = rejected("second.yaml", yaml() + yaml().replace("targetPods: 8", "targetPods: x"));
    assertTrue(m.contains("plan 2 of 2"), m);
  }

  @Test
  void shouldRebuildWhatThePlannerPlannedFromTheJobsJson() throws Exception {
    for (ExperimentType t :
        List.of(
            ExperimentType.POD_KILL,
            ExperimentType.LATENCY_INJECTION,
            ExperimentType.NODE_FAILURE,
            ExperimentType.MEMORY_STRESS)) {
      PlannedExperiment p = planned(t);
      assertEquals(p, PlanFile.fromExperimentPlan(p.plan()), t.id());
      // the job's sinks write the record with a plain ObjectMapper
      String json = new ObjectMapper().writeValueAsString(p.plan());
      assertEquals(p, PlanFile.fromExperimentPlanJson("chaos-targets offset 7", json), t.id());
    }
    PlannedExperiment e = withEverything();
    Map<String, String> ev = new java.util.HashMap<>(e.plan().evidence());
    ev.putAll(
        Map.of(
            "app",
            "cart",
            "targetPods",
            "8",
            "systemPods",
            "100",
            "rollout",
            "one pod then 25% (2 pods)",
            "affectedComponents",
            "2",
            "node",
            "node-a",
            "pod",
            "cart-7d9f8-x2k4q",
            "trafficShare",
            "0.3"));
    assertEquals(
        e.selection(), PlanFile.fromExperimentPlan(withEvidence(e.plan(), ev)).selection());
  }

  static ExperimentPlan withEvidence(ExperimentPlan p, Map<String, String> ev) {
    return new ExperimentPlan(
        p.id(),
        p.targets(),
        p.namespace(),
        p.experimentType(),
        p.failureMode(),
        p.durationSeconds(),
        p.blastRadius(),
        p.successCriteria(),
        p.rollbackTriggers(),
        ev,
        p.requiresApproval(),
        p.createdAtMs());
  }

  private static String refusedRebuild(ExperimentPlan p, String key, String value) {
    Map<String, String> ev = new java.util.HashMap<>(p.evidence());
    if (value == null) {
      ev.remove(key);
    } else {
      ev.put(key, value);
    }
    return assertThrows(
            IllegalArgumentException.class, () -> PlanFile.fromExperimentPlan(withEvidence(p, ev)))
        .getMessage();
  }

  @Test
  void shouldNeverGuessPodCountsWhenRebuildingAJobPlan() {
    ExperimentPlan p = planned(ExperimentType.POD_KILL).plan();
    for (String k : List.of("systemPods", "targetPods", "rollout", "app")) {
      String m = refusedRebuild(p, k, null);
      assertTrue(m.contains("evidence." + k + " is missing"), m);
    }
    assertTrue(refusedRebuild(p, "systemPods", "lots").contains("evidence.systemPods \"lots\""));
    assertTrue(
        refusedRebuild(p, "rollout", "one pod then 10% (5 pods)").contains("is 1 pods, not 5"));
    assertTrue(refusedRebuild(p, "rollout", "all 50 pods").contains("not 50"));
    assertTrue(refusedRebuild(p, "rollout", "everything at once").contains("everything at once"));
  }

  @Test
  void shouldCountCollateralUntilTheBlastRadiusReachesThePlansOwnClaim() {
    // the job's plan claims 0.04 of the system, its evidence alone shows one pod of 100 and no
    // collateral
    ExperimentPlan p = planned(ExperimentType.LATENCY_INJECTION).plan();
    Map<String, String> ev = new java.util.HashMap<>(p.evidence());
    ev.put("affectedComponents", "0");
    ExperimentPlan claim =
        new ExperimentPlan(
            p.id(),
            p.targets(),
            p.namespace(),
            p.experimentType(),
            p.failureMode(),
            p.durationSeconds(),
            0.04,
            p.successCriteria(),
            p.rollbackTriggers(),
            ev,
            p.requiresApproval(),
            p.createdAtMs());
    PlannedExperiment r = PlanFile.fromExperimentPlan(claim);
    assertTrue(r.maxBlastRadius() >= 0.04 - 1e-9, "recomputed " + r.maxBlastRadius());
  }

  @Test
  void shouldEmbedAPlanAsATreeAndReadItBackAsStrictly() {
    PlannedExperiment p = withEverything();
    com.fasterxml.jackson.databind.JsonNode tree = PlanFile.toTree(p);
    assertEquals(p, PlanFile.fromTree("queue entry", tree));
    ((com.fasterxml.jackson.databind.node.ObjectNode) tree).put("extra", 1);
    String m =
        assertThrows(IllegalArgumentException.class, () -> PlanFile.fromTree("queue entry", tree))
            .getMessage();
    assertTrue(m.startsWith("queue entry: unknown field extra"), m);
  }
}
