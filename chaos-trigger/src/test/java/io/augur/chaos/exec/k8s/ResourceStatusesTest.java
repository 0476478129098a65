package io.augur.chaos.exec.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.augur.chaos.exec.FaultStatus;
import io.augur.chaos.exec.FaultStatus.State;
import org.junit.jupiter.api.Test;

/** The status mapping on its own, for the cases the mock-server test does not reach. */
class ResourceStatusesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static FaultStatus of(ChaosResourceKind kind, String resource) throws Exception {
    JsonNode r = JSON.readTree(resource.replace('\'', '"'));
    return ResourceStatuses.of(kind, r, new ResourceRef(kind, "prod", "x"));
  }

  @Test
  void shouldCallAWorkflowAbortedByItsStatusCheckFailed() throws Exception {
    FaultStatus s =
        of(
            ChaosResourceKind.WORKFLOW,
            "{'status':{'conditions':[{'type':'Scheduled','status':'True'},{'type':'Aborted','status':'True'}]}}");
    assertEquals(
        State.FAILED, s.state(), "the Workflow's own health check failed: the engine aborts");
    assertTrue(s.detail().startsWith("aborted by a status check: Workflow prod/x"), s.detail());
  }

  @Test
  void shouldCallALitmusExperimentThatErroredFailed() throws Exception {
    FaultStatus s =
        of(
            ChaosResourceKind.CHAOS_ENGINE,
            "{'status':{'engineStatus':'initialized','experiments':[{'name':'pod-delete','status':'Running','verdict':'Error'}]}}");
    assertEquals(State.FAILED, s.state());
    assertTrue(s.detail().contains("pod-delete=Running/Error"), s.detail());
    assertEquals(
        State.ENDED,
        of(ChaosResourceKind.CHAOS_ENGINE, "{'status':{'engineStatus':'stopped'}}").state());
  }

  @Test
  void shouldCallAResourceBeingDeletedPendingWhateverItsConditionsSay() throws Exception {
    FaultStatus s =
        of(
            ChaosResourceKind.POD_CHAOS,
            "{'metadata':{'deletionTimestamp':'2026-03-02T10:00:00Z',"
                + "'finalizers':['chaos-mesh/records']},'status':{'conditions':[{'type':'AllInjected','status':'True'}]}}");
    assertEquals(State.PENDING, s.state());
    assertTrue(
        s.detail().contains("being deleted") && s.detail().contains("chaos-mesh/records"),
        s.detail());
  }

  @Test
  void shouldNotCallAChaosActiveBeforeEveryTargetIsInjected() throws Exception {
    assertEquals(
        State.PENDING,
        of(
                ChaosResourceKind.STRESS_CHAOS,
                "{'status':{'conditions':[{'type':'Selected','status':'True'},"
                    + "{'type':'AllInjected','status':'False'}],'experiment':{'desiredPhase':'Run'}}}")
            .state());
    assertEquals(State.PENDING, of(ChaosResourceKind.STRESS_CHAOS, "{}").state());
  }
}
