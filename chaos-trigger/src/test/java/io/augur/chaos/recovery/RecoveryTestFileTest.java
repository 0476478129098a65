package io.augur.chaos.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.chaos.catalogue.ExperimentType;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecoveryTestFileTest {
  private static final String MINIMAL =
      """
      name: t
      trigger: {fault: pod-kill, target: a, replicas: 2}
      expectedRecovery: "< 30s"
      validation:
        - name: up
          promql: 'up{job="a"} == 1'
      """;

  private static String error(String yaml) {
    return assertThrows(
            IllegalArgumentException.class, () -> RecoveryTestFile.parse("t.yaml", yaml, Map.of()))
        .getMessage();
  }

  @Test
  void shouldReadTheShippedFailoverExampleWithItsVariablesOverridden() {
    RecoveryTest t =
        RecoveryTestFile.read(
            RepoFiles.deploy("chaos/recovery/primary-failover.yaml"), Map.of("port", "4242"));
    assertEquals("primary-failover", t.name());
    assertEquals("orders", t.service());
    assertEquals(ExperimentType.POD_KILL, t.trigger().fault());
    assertEquals(2, t.trigger().replicas());
    assertEquals(Duration.ofSeconds(5), t.expectedRecovery());
    assertEquals(RecoveryTest.From.INJECTION, t.recoveryFrom());
    HttpCheck http = (HttpCheck) t.validation().get(0).check();
    assertEquals(URI.create("http://127.0.0.1:4242/"), http.url());
    assertEquals("standby", http.bodyContains());
    assertEquals(Duration.ofSeconds(2), t.validation().get(0).holdFor());
    CommandCheck cmd = (CommandCheck) t.validation().get(1).check();
    assertEquals("http://127.0.0.1:4242/", cmd.argv().get(cmd.argv().size() - 1));
  }

  @Test
  void shouldReadTheShippedDiskExampleAsARevertTimedTestWithAnExpectedBehaviour() {
    RecoveryTest t =
        RecoveryTestFile.read(RepoFiles.deploy("chaos/recovery/disk-full-writer.yaml"), Map.of());
    assertEquals(RecoveryTest.From.REVERT, t.recoveryFrom());
    assertEquals(Map.of("size", "128MB"), t.trigger().params());
    assertEquals(503, ((HttpCheck) t.expectedBehaviours().get(0).check()).status());
    assertEquals(
        URI.create("http://127.0.0.1:18081/health"),
        ((HttpCheck) t.validation().get(0).check()).url());
  }

  @Test
  void shouldDefaultServiceNamespaceObservationAndInterval() {
    RecoveryTest t = RecoveryTestFile.parse("t.yaml", MINIMAL, Map.of());
    assertEquals("a", t.service());
    assertEquals("local", t.namespace());
    assertEquals(Duration.ofSeconds(90), t.observeFor(), "3 x expectedRecovery");
    assertEquals(Duration.ofMillis(500), t.interval());
    assertEquals(Duration.ZERO, t.validation().get(0).holdFor());
    assertEquals(List.of(), t.expectedBehaviours());
  }

  @Test
  void shouldNameTheFileTheFieldAndTheValueOfEveryError() {
    assertEquals(
        "t.yaml: expectedRecovery must be a duration like 500ms, 30s or 1m30s, got \"soon\"",
        error(MINIMAL.replace("\"< 30s\"", "soon")));
    assertTrue(
        error(MINIMAL.replace("pod-kill", "pod-explode"))
            .startsWith("t.yaml: trigger.fault must be a catalogue id [pod-kill,"),
        error(MINIMAL.replace("pod-kill", "pod-explode")));
    assertEquals(
        "t.yaml: validation[0] has unknown field(s) [holdfor]; known: [command, for, http, name, promql]",
        error(MINIMAL + "    holdfor: 2s\n"));
    assertEquals(
        "t.yaml: validation[0] (up) must have exactly one of promql, http, command; has [promql, command]",
        error(MINIMAL + "    command: {run: [true]}\n"));
    assertEquals(
        "t.yaml: validation[1].http.status must be a whole number, got \"ok\"",
        error(MINIMAL + "  - name: web\n    http: {url: 'http://127.0.0.1:1/', status: ok}\n"));
    assertEquals(
        "t.yaml: validation[1].http: status must be an HTTP status 100-599, got 42",
        error(MINIMAL + "  - name: web\n    http: {url: 'http://127.0.0.1:1/', status: 42}\n"));
    assertEquals(
        "t.yaml: validation[1].command.run must be a non-empty list of strings, got []",
        error(MINIMAL + "  - name: cmd\n    command: {run: []}\n"));
    assertEquals(
        "t.yaml: validation[1].http.url uses ${port}, which is not defined (define it under vars: or pass "
            + "--set port=VALUE; defined: [])",
        error(MINIMAL + "  - name: web\n    http: {url: 'http://127.0.0.1:${port}/'}\n"));
    assertEquals(
        "t.yaml: trigger: need 1 <= replicas <= systemSize, got replicas=0 systemSize=100",
        error(MINIMAL.replace("replicas: 2", "replicas: 0")));
    assertEquals(
        "t.yaml: validation must list at least one step, got nothing",
        error(MINIMAL.substring(0, MINIMAL.indexOf("validation:"))));
    assertEquals(
        "t.yaml: step name up is used twice",
        error(MINIMAL + "  - name: up\n    promql: 'vector(1)'\n"));
    assertEquals(
        "t.yaml: observeFor PT5S must be at least expectedRecovery PT30S, or a slow recovery could not be measured",
        error(MINIMAL + "observeFor: 5s\n"));
    assertEquals(
        "t.yaml: recoveryFrom must be injection or revert, got \"later\"",
        error(MINIMAL + "recoveryFrom: later\n"));
  }
}
