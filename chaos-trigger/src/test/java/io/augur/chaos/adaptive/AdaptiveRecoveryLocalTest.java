package io.augur.chaos.adaptive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.chaos.exec.proxy.FaultProxy;
import io.augur.chaos.exec.proxy.HostPort;
import io.augur.chaos.recovery.CheckContext;
import io.augur.chaos.recovery.HttpCheck;
import io.augur.chaos.safety.HealthGate;
import io.augur.chaos.safety.PreflightCheck;
import io.augur.chaos.safety.SafetyGates;
import io.augur.chaos.safety.SafetyPolicy;
import io.augur.domain.Sleeper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real local processes behind a real fault proxy: a small HTTP service of the test's own that,
 * seeded by its start count, exits at once on start with a given probability. Restart starts the
 * primary (fails 70%), roll back the previous version (fails 50%), fail over the standby (fails
 * 10%), scale out one more primary; each round the test kills every instance and lets the responder
 * recover.
 */
class AdaptiveRecoveryLocalTest {
  private static final String SERVICE =
      """
      import os, random, sys
      from http.server import BaseHTTPRequestHandler, HTTPServer
      port, fail, seed = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
      if random.Random(seed * 1000003 + int(os.environ["ATTEMPT"])).random() < fail:
          sys.exit(3)
      class H(BaseHTTPRequestHandler):
          def do_GET(self):
              body = b"ok"
              self.send_response(200)
              self.send_header("Content-Length", str(len(body)))
              self.end_headers()
              self.wfile.write(body)
          def log_message(self, *a):
              pass
      HTTPServer(("127.0.0.1", port), H).serve_forever()
      """;

  @TempDir Path dir;
  private FaultProxy proxy;
  private LocalRecoveryActions actions;
  private EffectivenessLog log;
  private HttpCheck health;

  @BeforeEach
  void setUp() throws Exception {
    Path script = dir.resolve("svc.py");
    Files.writeString(script, SERVICE, StandardCharsets.UTF_8);
    proxy = FaultProxy.start("api", new HostPort("127.0.0.1", 0), new HostPort("127.0.0.1", 9));
    actions =
        new LocalRecoveryActions(
            List.of(
                new LocalRecoveryActions.Service(
                    "api",
                    spec(script, 0.7),
                    spec(script, 0.1),
                    spec(script, 0.5),
                    Router.of(proxy),
                    null,
                    4)),
            false);
    log = new EffectivenessLog(dir.resolve("effectiveness.jsonl"));
    health =
        new HttpCheck(
            URI.create("http://127.0.0.1:" + proxy.listenAddress().getPort() + "/health"),
            200,
            "ok",
            Duration.ofMillis(800));
  }

  private static ProcessSpec spec(Path script, double fail) {
    return new ProcessSpec(
        List.of("python3", script.toString(), "${PORT}", Double.toString(fail), "17"),
        null,
        Map.of("ATTEMPT", "${ATTEMPT}"));
  }

  @AfterEach
  void tearDown() {
    actions.close();
    proxy.close();
  }

  private SafetyGates gates(Set<String> namespaces) {
    SafetyPolicy policy = SafetyPolicy.defaults(namespaces).withWindows(List.of(), List.of());
    return new SafetyGates(
        policy,
        new HealthGate(q -> OptionalDouble.of(0.0)),
        List.of(PreflightCheck.minReplicasForDestructive()),
        Clock.systemUTC());
  }

  private RecoveryResponder responder(
      Set<String> namespaces, String approver, boolean apply, long seed) {
    return new RecoveryResponder(
        gates(namespaces),
        actions,
        new StrategyChooser(StrategyChooser.Config.DEFAULT, new Random(seed)),
        log,
        Clock.systemUTC(),
        Sleeper.REAL,
        new RecoveryResponder.Options(
            Duration.ofSeconds(4), Duration.ofMillis(50), 2, 100, approver, apply));
  }

  private RecoveryResponder.HealthProbe probe() {
    CheckContext ctx = CheckContext.of(null);
    return () -> health.evaluate(ctx);
  }

  private static Failure crash(int round, boolean critical) {
    return new Failure("crash-" + round, "process-crash", "api", "shop", critical, "alert", 0);
  }

  @Test
  void shouldConvergeOnFailoverAndRecordThatItIsTheMostEffective() throws Exception {
    RecoveryResponder r = responder(Set.of("shop"), null, true, 2024);
    int rounds = 30;
    List<Strategy> chosen = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      actions.kill("api");
      assertTrue(
          !health.evaluate(CheckContext.of(null)).held(),
          "round " + round + ": the service is down");
      RecoveryResponder.Response resp = r.respond(crash(round, false), probe());
      assertTrue(
          resp.status() == RecoveryResponder.Status.RECOVERED
              || resp.status() == RecoveryResponder.Status.NOT_RECOVERED,
          resp.toString());
      if (resp.status() == RecoveryResponder.Status.RECOVERED) {
        assertTrue(
            health.evaluate(CheckContext.of(null)).held(),
            "recovered means the health check passes");
      }
      chosen.add(resp.strategy());
    }
    List<Attempt> attempts = log.read().attempts();
    assertEquals(rounds, attempts.size());
    Map<Strategy, Integer> last = new EnumMap<>(Strategy.class);
    chosen.subList(rounds - 10, rounds).forEach(s -> last.merge(s, 1, Integer::sum));
    int failoverLast = last.getOrDefault(Strategy.FAILOVER, 0);
    assertTrue(
        last.values().stream().allMatch(n -> n <= failoverLast) && failoverLast >= 6,
        "failover should dominate the last 10 rounds: " + last + ", all: " + chosen);
    List<EffectivenessTable.Row> rows = EffectivenessTable.of(attempts);
    System.out.println("chosen: " + chosen + "\n" + EffectivenessTable.format(rows));
    EffectivenessTable.Row failover =
        rows.stream().filter(x -> x.strategy().equals("failover")).findFirst().orElseThrow();
    for (EffectivenessTable.Row x : rows) {
      double mean = (1.0 + x.successes()) / (2.0 + x.tries());
      assertTrue(
          x == failover || mean < (1.0 + failover.successes()) / (2.0 + failover.tries()),
          "failover has the best posterior success:\n" + EffectivenessTable.format(rows));
      assertTrue(x.tries() <= failover.tries(), EffectivenessTable.format(rows));
    }
    assertTrue(
        failover.successRate() >= 0.7 && failover.medianMs() != null,
        EffectivenessTable.format(rows));
  }

  @Test
  void shouldRefuseKubeSystemAndACriticalServiceWithoutApproverAndRecordNothingInADryRun()
      throws Exception {
    Failure kube = new Failure("k", "process-crash", "api", "kube-system", false, "alert", 0);
    RecoveryResponder.Response refused =
        responder(Set.of("shop", "kube-system"), null, true, 1).respond(kube, probe());
    assertEquals(RecoveryResponder.Status.REFUSED, refused.status());
    assertTrue(
        refused.reasons().toString().contains("namespace kube-system is never a target"),
        refused.toString());

    RecoveryResponder.Response unapproved =
        responder(Set.of("shop"), null, true, 1).respond(crash(0, true), probe());
    assertEquals(RecoveryResponder.Status.REFUSED, unapproved.status());
    assertTrue(unapproved.reasons().toString().contains("NEEDS_APPROVAL"), unapproved.toString());

    RecoveryResponder.Response dry =
        responder(Set.of("shop"), "alice", false, 1).respond(crash(0, true), probe());
    assertEquals(RecoveryResponder.Status.DRY_RUN, dry.status());
    assertTrue(dry.reasons().toString().contains("approved by alice"), dry.toString());
    assertTrue(
        !dry.actions().isEmpty()
            && dry.actions().stream().anyMatch(a -> a.contains("route proxy api")),
        dry.actions().toString());
    assertTrue(log.read().attempts().isEmpty(), "nothing carried out, nothing recorded");
    assertTrue(!health.evaluate(CheckContext.of(null)).held(), "nothing was started");
  }

  @Test
  void shouldShedLoadByLoweringTheProxysConnectionLimit() throws Exception {
    actions.start("api");
    Failure overload = new Failure("o", "overload", "api", "shop", false, "alert", 0);
    // shed-load has a long good record for overload, the others none: the seeded draw picks it
    for (int i = 0; i < 20; i++) {
      log.append(
          new Attempt(
              "x" + i, "overload", "api", "standard", "shed-load", "local", true, 10L, 0, ""));
    }
    RecoveryResponder.Response resp =
        responder(Set.of("shop"), null, true, 9)
            .respond(
                overload.withCritical(false),
                () -> io.augur.chaos.recovery.Observation.notHeld("still overloaded"));
    assertEquals(Strategy.SHED_LOAD, resp.strategy(), resp.toString());
    assertEquals(4, proxy.connectionLimit());
    assertEquals(RecoveryResponder.Status.NOT_RECOVERED, resp.status());
    assertNull(resp.attempt().recoveryMs());
    assertEquals(21, log.read().attempts().size(), "the failed attempt is recorded too");
  }

  @Test
  void shouldRecordAFailedAttemptNamingTheProxyWhenItsControlApiDoesNotAnswer() throws Exception {
    Path script = dir.resolve("svc.py");
    try (LocalRecoveryActions unreachable =
        new LocalRecoveryActions(
            List.of(
                new LocalRecoveryActions.Service(
                    "checkout/checkout-0",
                    spec(script, 0.0),
                    null,
                    null,
                    Router.of(
                        io.augur.chaos.exec.proxy.ProxyClient.of("http://127.0.0.1:1"), "checkout"),
                    null,
                    4)),
            false)) {
      RecoveryResponder r =
          new RecoveryResponder(
              gates(Set.of("shop")),
              unreachable,
              new StrategyChooser(StrategyChooser.Config.DEFAULT, new Random(3)),
              log,
              Clock.systemUTC(),
              Sleeper.REAL,
              new RecoveryResponder.Options(
                  Duration.ofSeconds(2), Duration.ofMillis(50), 2, 100, null, true));
      RecoveryResponder.Response resp =
          r.respond(
              new Failure("c", "process-crash", "checkout/checkout-0", "shop", false, "alert", 0),
              () -> io.augur.chaos.recovery.Observation.notHeld("down"));
      assertEquals(RecoveryResponder.Status.NOT_RECOVERED, resp.status(), resp.toString());
      assertTrue(
          resp.attempt().detail().startsWith("action failed: ")
              && resp.attempt().detail().contains("127.0.0.1:1"),
          resp.attempt().detail());
      assertEquals(1, log.read().attempts().size());
    }
  }
}
