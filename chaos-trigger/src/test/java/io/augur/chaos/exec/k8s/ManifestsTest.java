package io.augur.chaos.exec.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.augur.chaos.TestPlans;
import io.augur.chaos.catalogue.ExperimentType;
import io.augur.chaos.exec.k8s.KubernetesOptions.Flavour;
import io.augur.chaos.manifest.WorkflowOptions;
import io.augur.chaos.safety.ApprovedPlan;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The namespace guard: whatever the renderers produce may name the approved namespace only. */
class ManifestsTest {
  @ParameterizedTest
  @EnumSource(Flavour.class)
  void shouldRenderEveryCatalogueEntryInTheApprovedNamespaceOnly(Flavour flavour) {
    Manifests m = new Manifests(flavour, WorkflowOptions.DEFAULT);
    for (ExperimentType type : ExperimentType.values()) {
      ApprovedPlan plan = TestPlans.approved(type);
      Manifests.Rendered r = m.render(plan, "f1");
      assertEquals(plan.planned().plan().namespace(), r.ref().namespace());
      assertEquals(m.kindFor(plan), r.ref().kind(), type + " " + flavour);
      assertEquals(List.of(), Manifests.foreignNamespaces(r.manifest(), "prod"));
      assertEquals(
          "f1",
          r.manifest().path("metadata").path("annotations").path("augur.io/fault-id").asText());
    }
  }

  @Test
  void shouldFindEveryNamespaceTheManifestNamesBesidesTheApprovedOne() {
    ObjectNode manifest =
        new Manifests(Flavour.CHAOS_MESH, WorkflowOptions.DEFAULT)
            .render(TestPlans.approved(ExperimentType.POD_KILL), "f1")
            .manifest();
    ((ArrayNode) manifest.path("spec").path("selector").path("namespaces")).add("kube-system");
    ((ObjectNode) manifest.path("metadata")).put("namespace", "payments");
    assertEquals(
        List.of(".metadata.namespace=payments", ".spec.selector.namespaces=kube-system"),
        Manifests.foreignNamespaces(manifest, "prod"));
  }

  @Test
  void shouldRefuseAPlanIdWithoutAnyCharacterALabelCanHold() {
    assertEquals("augur-pod-kill-1", Manifests.experimentLabel("augur-pod-kill-1"));
    assertEquals("team-a-plan-7", Manifests.experimentLabel("team/a plan#7"));
    assertThrows(IllegalArgumentException.class, () -> Manifests.experimentLabel("///"));
  }
}
