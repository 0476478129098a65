package io.augur.chaos.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.augur.chaos.Fixtures;
import io.augur.chaos.prom.InMemoryMetricsSource;
import io.augur.chaos.recovery.RecoveryRun;
import io.augur.chaos.recovery.RecoveryTest;
import io.augur.chaos.recovery.RecoveryTestFile;
import io.augur.chaos.safety.ApprovedPlan;
import io.augur.chaos.safety.GateDecision;
import io.augur.chaos.safety.HealthGate;
import io.augur.chaos.safety.HealthQuery;
import io.augur.chaos.safety.PreflightCheck;
import io.augur.chaos.safety.SafetyGates;
import io.augur.chaos.safety.SafetyPolicy;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Recovery tests as Chaos Mesh Workflows the real CRD schema accepts, with StatusCheck where it can
 * express a step.
 */
class RecoveryWorkflowsTest {
  private final RecoveryWorkflows workflows = new RecoveryWorkflows(WorkflowOptions.DEFAULT);

  private static Path example(String file) {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path f = p.resolve("deploy/chaos/recovery").resolve(file);
      if (Files.exists(f)) {
        return f;
      }
    }
    throw new AssertionError("no deploy/chaos/recovery/" + file);
  }

  private static ApprovedPlan approved(RecoveryTest t) {
    Fixtures.MutableClock clock = new Fixtures.MutableClock(Fixtures.T0);
    SafetyPolicy policy =
        SafetyPolicy.defaults(Set.of(t.namespace())).withWindows(List.of(), List.of());
    SafetyGates gates =
        new SafetyGates(
            policy,
            new HealthGate(
                new InMemoryMetricsSource().set(HealthQuery.defaults().get(0).promql(), 0.0)),
            List.of(PreflightCheck.minReplicasForDestructive()),
            clock);
    GateDecision d = gates.evaluate(RecoveryRun.plan(t, policy.abortConditions(), clock.millis()));
    assertEquals(GateDecision.Status.APPROVED, d.status(), d.reasons().toString());
    return d.approvedPlan();
  }

  private static JsonNode valid(ObjectNode wf) {
    JsonNode back = ManifestWriter.read(ManifestWriter.yaml(wf));
    assertEquals(wf, back);
    if (CrdSchemas.available()) {
      assertEquals(
          List.of(),
          CrdSchemas.validate("chaos-mesh/chaos-mesh.org_workflows.yaml", back),
          ManifestWriter.yaml(wf));
    }
    assertEquals(List.of(), ManifestChecks.check(back), ManifestWriter.yaml(wf));
    return back;
  }

  private static JsonNode find(JsonNode wf, String name) {
    for (JsonNode t : wf.path("spec").path("templates")) {
      if (name.equals(t.path("name").asText())) {
        return t;
      }
    }
    throw new AssertionError("no template " + name + " in " + wf);
  }

  @Test
  void shouldRunTheFailoverChecksAlongsideTheKillAsTasksWhereABodyMustMatch() {
    assumeTrue(CrdSchemas.available(), "CRD schemas missing under " + CrdSchemas.root());
    RecoveryTest t =
        RecoveryTestFile.read(example("primary-failover.yaml"), Map.of("port", "8080"));
    JsonNode wf = valid(workflows.workflow(t, approved(t)));
    assertEquals("recovery-primary-failover", wf.path("metadata").path("name").asText());
    assertEquals("[\"while-fault\"]", find(wf, "recovery").path("children").toString());
    assertEquals(
        "[\"fault\",\"v-standby-serves\",\"v-client-gets-an-answer\"]",
        find(wf, "while-fault").path("children").toString());
    JsonNode fault = find(wf, "fault");
    assertEquals("PodChaos", fault.path("templateType").asText());
    assertEquals("pod-kill", fault.path("podChaos").path("action").asText());
    assertEquals("20s", fault.path("deadline").asText());
    JsonNode probe = find(wf, "v-standby-serves");
    assertEquals("Task", probe.path("templateType").asText(), "StatusCheck cannot match a body");
    String script = probe.path("task").path("container").path("command").get(2).asText();
    assertTrue(script.contains("grep -qF -- 'standby' /tmp/augur-body"), script);
    assertTrue(script.contains("-ge 2 ]"), "holds for 2 s: " + script);
    assertEquals(
        "curlimages/curl:8.10.1", probe.path("task").path("container").path("image").asText());
  }

  @Test
  void shouldWatchTheDiskWritersRecoveryAfterTheFaultEnds() {
    assumeTrue(CrdSchemas.available(), "CRD schemas missing under " + CrdSchemas.root());
    RecoveryTest t = RecoveryTestFile.read(example("disk-full-writer.yaml"), Map.of());
    JsonNode wf = valid(workflows.workflow(t, approved(t)));
    assertEquals(
        "[\"while-fault\",\"after-revert\"]", find(wf, "recovery").path("children").toString());
    assertEquals(
        "[\"fault\",\"b-writer-reports-disk-full\"]",
        find(wf, "while-fault").path("children").toString());
    assertEquals(
        "[\"v-writer-healthy-again\"]", find(wf, "after-revert").path("children").toString());
    assertEquals("IOChaos", find(wf, "fault").path("templateType").asText());
  }

  @Test
  void shouldUseAStatusCheckForAPlainHttpStatusAndATaskForPromql() {
    assumeTrue(CrdSchemas.available(), "CRD schemas missing under " + CrdSchemas.root());
    RecoveryTest t =
        RecoveryTestFile.parse(
            "t.yaml",
            """
        name: api-restart
        trigger: {fault: pod-kill, target: api, replicas: 3}
        expectedRecovery: "< 30s"
        interval: 2s
        validation:
          - name: healthz
            http: {url: "http://api.shop.svc:8080/healthz", status: 204, timeout: 3s}
            for: 10s
          - name: errors-low
            promql: 'sum(rate(http_request_errors_total{job="api"}[1m])) < 0.1'
            for: 30s
        """,
            Map.of());
    JsonNode wf = valid(workflows.workflow(t, approved(t)));
    JsonNode sc = find(wf, "v-healthz");
    assertEquals("StatusCheck", sc.path("templateType").asText());
    assertTrue(sc.path("abortWithStatusCheck").asBoolean());
    assertEquals("Synchronous", sc.path("statusCheck").path("mode").asText());
    assertEquals(
        "204", sc.path("statusCheck").path("http").path("criteria").path("statusCode").asText());
    assertEquals(2, sc.path("statusCheck").path("intervalSeconds").asInt());
    assertEquals(3, sc.path("statusCheck").path("timeoutSeconds").asInt());
    assertEquals(
        6,
        sc.path("statusCheck").path("successThreshold").asInt(),
        "1 + 10 s / 2 s consecutive successes");
    assertEquals(
        16,
        sc.path("statusCheck").path("failureThreshold").asInt(),
        "failing for longer than 30 s fails it");
    assertEquals("42s", sc.path("deadline").asText());
    String script =
        find(wf, "v-errors-low").path("task").path("container").path("command").get(2).asText();
    assertTrue(
        script.contains(
            "'http://prometheus.monitoring.svc:9090/api/v1/query' --data-urlencode "
                + "'query=sum(rate(http_request_errors_total{job=\"api\"}[1m])) < 0.1'"),
        script);
  }

  /** The Task's shell loop, run here with sh and curl against a server of the test's own. */
  @Test
  void shouldExitZeroFromTheTaskScriptOnceTheBodyMatchesAndOneWhenItNeverDoes() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl missing");
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        ex -> {
          byte[] b = "standby\n".getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(200, b.length);
          try (OutputStream o = ex.getResponseBody()) {
            o.write(b);
          }
        });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
      String yaml =
          """
          name: s
          trigger: {fault: latency-injection, target: a}
          expectedRecovery: 2s
          observeFor: 2s
          interval: 1s
          validation:
            - name: body
              http: {url: "%s", bodyContains: "%s"}
              for: 1s
          """;
      RecoveryTest ok = RecoveryTestFile.parse("ok.yaml", yaml.formatted(url, "standby"), Map.of());
      RecoveryTest never =
          RecoveryTestFile.parse("never.yaml", yaml.formatted(url, "primary"), Map.of());
      assertEquals(0, sh(task(ok)), "held");
      assertEquals(1, sh(task(never)), "never held");
    } finally {
      server.stop(0);
    }
  }

  private String task(RecoveryTest t) {
    JsonNode wf = workflows.workflow(t, approved(t));
    return find(wf, "v-body").path("task").path("container").path("command").get(2).asText();
  }

  private static int sh(String script) throws Exception {
    List<String> argv = new ArrayList<>(List.of("sh", "-c", script));
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    p.getInputStream().transferTo(OutputStream.nullOutputStream());
    assertTrue(p.waitFor(20, TimeUnit.SECONDS), "the script ends by itself");
    return p.exitValue();
  }

  @Test
  void shouldJudgeASuitePlanByItsRecoveryTestInsteadOfTheFixedHealthCheck() {
    assumeTrue(CrdSchemas.available(), "CRD schemas missing under " + CrdSchemas.root());
    ApprovedPlan kill =
        io.augur.chaos.TestPlans.approved(io.augur.chaos.catalogue.ExperimentType.POD_KILL);
    ApprovedPlan cpu =
        io.augur.chaos.TestPlans.approved(io.augur.chaos.catalogue.ExperimentType.CPU_SPIKE);
    RecoveryTest t =
        RecoveryTestFile.read(example("primary-failover.yaml"), Map.of("port", "8080"));
    ObjectNode wf =
        new ChaosMeshManifests(WorkflowOptions.DEFAULT)
            .workflow(
                "suite", List.of(kill, cpu), List.of("up"), Map.of(kill.planned().plan().id(), t));
    JsonNode back = valid(wf);
    JsonNode rec = find(back, "f1-pod-kill-recovered");
    assertEquals("Parallel", rec.path("templateType").asText());
    assertEquals(
        "[\"f1-pod-kill-v-standby-serves\",\"f1-pod-kill-v-client-gets-an-answer\"]",
        rec.path("children").toString());
    assertEquals("Task", find(back, "f1-pod-kill-v-standby-serves").path("templateType").asText());
    assertEquals(
        "StatusCheck",
        find(back, "f2-cpu-spike-recovered").path("templateType").asText(),
        "a plan without a recovery test keeps the health check");
  }
}
