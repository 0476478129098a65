package io.augur.chaos.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.chaos.exec.FaultJournal;
import io.augur.chaos.exec.local.LocalExecutor;
import io.augur.chaos.exec.local.LocalTarget;
import io.augur.chaos.exec.local.LocalTargets;
import io.augur.chaos.exec.proxy.ChaosMainForTests;
import io.augur.chaos.prom.InMemoryMetricsSource;
import io.augur.chaos.safety.HealthGate;
import io.augur.chaos.safety.HealthQuery;
import io.augur.chaos.safety.PreflightCheck;
import io.augur.chaos.safety.SafetyGates;
import io.augur.chaos.safety.SafetyPolicy;
import io.augur.domain.Sleeper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/chaos/recovery/latency-circuit-breaker.yaml end to end: a dependency (a demo node),
 * Augur's fault proxy in front of it ({@code augur chaos proxy} as a process of its own) and the
 * demo client with its circuit breaker calling through the proxy, all real processes on loopback.
 * The local executor's proxy fault adds 1 s of latency; the breaker opens and the client serves its
 * fallback; after the revert the breaker closes again.
 */
@Tag("slow")
class CircuitBreakerExampleIT {
  private static final InMemoryMetricsSource HEALTHY =
      new InMemoryMetricsSource().set(HealthQuery.defaults().get(0).promql(), 0.0);
  @TempDir Path dir;

  @Test
  void shouldOpenTheClientsCircuitBreakerWithinThreeSecondsOfTheLatencyAndCloseItAfterTheRevert()
      throws Exception {
    int dependency = PrometheusServer.freePort();
    int proxyPort = PrometheusServer.freePort();
    int control = PrometheusServer.freePort();
    int client = PrometheusServer.freePort();
    List<String> lines = new ArrayList<>();
    try (DemoProcesses demo = new DemoProcesses(dir)) {
      Path depPid = dir.resolve("dependency.pid");
      demo.start(
          "dependency",
          depPid,
          DemoProcesses.argv(
              "FailoverNode",
              "dependency",
              Integer.toString(dependency),
              depPid.toString(),
              "120"));
      Path proxyPid = dir.resolve("proxy.pid");
      demo.start(
          "proxy",
          proxyPid,
          List.of(
              DemoProcesses.JAVA,
              "-XX:TieredStopAtLevel=1",
              "-XX:+UseSerialGC",
              "-cp",
              System.getProperty("java.class.path"),
              ChaosMainForTests.class.getName(),
              "proxy",
              "--listen",
              "127.0.0.1:" + proxyPort,
              "--upstream",
              "127.0.0.1:" + dependency,
              "--control",
              "127.0.0.1:" + control,
              "--name",
              "dependency"));
      demo.await(
          "dependency through the proxy",
          () -> DemoProcesses.get("http://127.0.0.1:" + proxyPort + "/").equals("200 dependency"),
          Duration.ofSeconds(60));
      Path clientPid = dir.resolve("client.pid");
      demo.start(
          "client",
          clientPid,
          DemoProcesses.argv(
              "BreakerClient",
              "http://127.0.0.1:" + proxyPort + "/",
              Integer.toString(client),
              clientPid.toString(),
              "120"));
      String breaker = "http://127.0.0.1:" + client + "/breaker";
      demo.await(
          "client's breaker closed",
          () ->
              DemoProcesses.get(breaker).startsWith("200 state=CLOSED")
                  && DemoProcesses.get("http://127.0.0.1:" + client + "/").equals("200 dependency"),
          Duration.ofSeconds(60));

      LocalTargets targets =
          new LocalTargets(
              List.of(
                  new LocalTarget(
                      "dependency",
                      null,
                      null,
                      List.of(),
                      "http://127.0.0.1:" + control,
                      "dependency",
                      null,
                      null,
                      null)));
      RecoveryTest test =
          RecoveryTestFile.read(
              RepoFiles.deploy("chaos/recovery/latency-circuit-breaker.yaml"),
              Map.of("client", Integer.toString(client)));
      SafetyGates gates =
          new SafetyGates(
              SafetyPolicy.defaults(Set.of("local")).withWindows(List.of(), List.of()),
              new HealthGate(
                  new InMemoryMetricsSource().set(HealthQuery.defaults().get(0).promql(), 0.0)),
              List.of(PreflightCheck.minReplicasForDestructive()),
              Clock.systemUTC());
      RecoveryRun run =
          new RecoveryRun(
              gates,
              LocalExecutor.standard(targets, Clock.systemUTC()),
              new FaultJournal(dir.resolve("journal")),
              CheckContext.of(null),
              HEALTHY,
              Clock.systemUTC(),
              Sleeper.REAL,
              null,
              lines::add);

      RecoveryResult r = run.run(test);

      assertEquals(
          RecoveryResult.Status.PASSED, r.status(), r.violations() + " " + lines + demo.logs());
      StepResult opened = r.validation().get(0);
      assertTrue(opened.heldDetail().contains("state=OPEN"), opened.toString());
      assertTrue(opened.afterMs() < 3000, "breaker opened after " + opened.afterMs() + "ms");
      assertTrue(
          r.validation().get(1).heldDetail().contains("fallback"), r.validation().toString());
      assertTrue(r.reverted());
      assertEquals(
          "200[]",
          DemoProcesses.get("http://127.0.0.1:" + control + "/proxies/dependency/toxics")
              .replaceAll("\\s", ""),
          "no toxic left on the proxy");
      demo.await(
          "breaker closed again after the revert",
          () -> DemoProcesses.get(breaker).startsWith("200 state=CLOSED"),
          Duration.ofSeconds(10));
      System.out.println(
          "latency-circuit-breaker: breaker open after "
              + opened.afterMs()
              + "ms, recovery "
              + r.measuredRecoveryMs()
              + "ms "
              + lines);
    }
  }
}
