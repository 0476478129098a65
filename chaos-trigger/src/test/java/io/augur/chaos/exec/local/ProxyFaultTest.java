package io.augur.chaos.exec.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.augur.chaos.Fixtures;
import io.augur.chaos.TestPlans;
import io.augur.chaos.catalogue.ExperimentType;
import io.augur.chaos.exec.FaultException;
import io.augur.chaos.exec.FaultJournal;
import io.augur.chaos.exec.FaultStatus;
import io.augur.chaos.exec.InjectedFault;
import io.augur.chaos.exec.proxy.ControlServer;
import io.augur.chaos.exec.proxy.EchoServer;
import io.augur.chaos.exec.proxy.FaultProxy;
import io.augur.chaos.exec.proxy.HostPort;
import io.augur.chaos.exec.proxy.TestCerts;
import io.augur.chaos.exec.proxy.TestNet;
import io.augur.chaos.exec.proxy.Toxic;
import io.augur.chaos.exec.proxy.ToxicStream;
import io.augur.chaos.exec.proxy.ToxicType;
import io.augur.chaos.experiment.PlannedExperiment;
import io.augur.chaos.safety.ApprovedPlan;
import io.augur.domain.ExperimentPlan;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ProxyFault} through a real {@link LocalExecutor} and {@link FaultJournal}, against real
 * fault proxies and their control API on 127.0.0.1: inject, observe the fault on the wire, revert
 * (also from a fresh executor that has only the journal).
 */
class ProxyFaultTest {
  @TempDir Path dir;
  private EchoServer echo;
  private HttpServer http;
  private FaultProxy plain;
  private FaultProxy web;
  private FaultProxy tls;
  private ControlServer api;
  private FaultJournal journal;
  private LocalExecutor executor;
  private final List<String> journalledWhenAdded = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    echo = new EchoServer();
    http = TestNet.okServer();
    plain = FaultProxy.start("checkout", new HostPort("127.0.0.1", 0), echo.address());
    web = FaultProxy.start("checkout-http", new HostPort("127.0.0.1", 0), TestNet.address(http));
    tls =
        FaultProxy.start(
            "checkout-tls",
            new HostPort("127.0.0.1", 0),
            echo.address(),
            TestCerts.identity(),
            16,
            2_000);
    api = ControlServer.start(new HostPort("127.0.0.1", 0), List.of(plain, web, tls));
    journal = new FaultJournal(dir.resolve("journal"));
    plain.addListener(
        (p, event, t) -> {
          if (event.equals("added")) {
            journalledWhenAdded.add(
                journal.read().faults().stream()
                    .filter(f -> t.name().equals(f.handle().get("toxic")))
                    .map(f -> f.handle().get("proxyControl") + " " + f.handle().get("proxyName"))
                    .findFirst()
                    .orElse("not journalled"));
          }
        });
    executor = executorFor("checkout");
  }

  @AfterEach
  void stop() throws IOException {
    for (InjectedFault f : journal.read().faults()) {
      executorFor("checkout").revert(f, journal); // whatever a failed test left
    }
    api.close();
    for (FaultProxy p : List.of(plain, web, tls)) {
      p.clear();
      p.close();
    }
    http.stop(0);
    echo.close();
  }

  private LocalExecutor executorFor(String proxyName) {
    LocalTarget t =
        new LocalTarget(
            "checkout", null, null, List.of(), api.url().toString(), proxyName, null, null, null);
    return new LocalExecutor(
        new LocalTargets(List.of(t)), StandardLocalFaults.all(), Clock.systemUTC());
  }

  /** An approved plan of {@code type} whose evidence sets {@code param.<key>} for each entry. */
  static ApprovedPlan plan(ExperimentType type, Map<String, String> params) {
    ApprovedPlan base = TestPlans.approved(type);
    if (params.isEmpty()) {
      return base;
    }
    PlannedExperiment p = base.planned();
    ExperimentPlan o = p.plan();
    Map<String, String> ev = new LinkedHashMap<>(o.evidence());
    params.forEach((k, v) -> ev.put("param." + k, v));
    ExperimentPlan plan =
        new ExperimentPlan(
            o.id(),
            o.targets(),
            o.namespace(),
            o.experimentType(),
            o.failureMode(),
            o.durationSeconds(),
            o.blastRadius(),
            o.successCriteria(),
            o.rollbackTriggers(),
            ev,
            o.requiresApproval(),
            o.createdAtMs());
    return TestPlans.permissiveGates(new Fixtures.MutableClock(Fixtures.T0))
        .approve(
            new PlannedExperiment(
                plan, p.type(), p.selection(), p.rollout(), p.affectedComponents()),
            "tester");
  }

  @Test
  void shouldInjectLatencyJournalledFirstAndRevertFromAFreshExecutor() throws IOException {
    ApprovedPlan a =
        plan(ExperimentType.LATENCY_INJECTION, Map.of("latency", "150ms", "jitter", "0ms"));
    assertEquals(java.util.Optional.empty(), executor.unsupported(a));
    try (Socket s = TestNet.connect(plain.listenAddress())) {
      double base = TestNet.medianRoundTripMs(s, 5);
      InjectedFault f = executor.inject(a, journal);
      assertEquals(
          List.of(api.url() + " checkout"),
          journalledWhenAdded,
          "journalled before the toxic was added");
      assertEquals(ProxyFault.NAME, f.handle().get("fault"));
      assertEquals(f.id(), f.handle().get("toxic"));
      assertEquals(List.of(f), journal.read().faults());
      assertEquals(FaultStatus.State.ACTIVE, executor.status(f).state());
      Toxic t = plain.toxic(f.id()).orElseThrow();
      assertEquals(ToxicType.LATENCY, t.type());
      assertEquals(150, t.longAttr("latency"));
      double added = TestNet.medianRoundTripMs(s, 5) - base;
      System.out.printf(
          "measured: latency-injection 150ms through ProxyFault added %.1f ms (base %.1f ms)%n",
          added, base);
      assertTrue(
          added >= 145 && added <= 250,
          "latency-injection should add about 150 ms, added " + added);

      // the runner "crashed": a new executor with no binding at all reverts from the journal entry
      // alone
      LocalExecutor fresh =
          new LocalExecutor(
              new LocalTargets(List.of()), StandardLocalFaults.all(), Clock.systemUTC());
      InjectedFault fromDisk = journal.read().faults().get(0);
      fresh.revert(fromDisk, journal);
      assertTrue(fresh.verifyReverted(fromDisk));
      assertEquals(List.of(), plain.toxics());
      assertEquals(List.of(), journal.read().faults());
      assertEquals(FaultStatus.State.ENDED, fresh.status(fromDisk).state());
      double after = TestNet.medianRoundTripMs(s, 5);
      assertTrue(after < base + 40, "latency gone after revert: " + after + " vs " + base);

      new LocalExecutor(new LocalTargets(List.of()), StandardLocalFaults.all(), Clock.systemUTC())
          .revert(fromDisk, journal);
      assertTrue(executor.verifyReverted(fromDisk), "reverting twice is harmless");
    }
  }

  @Test
  void shouldCarryOutEachProxyTypeWithTheCataloguesParameters() {
    record Want(
        ExperimentType type,
        String proxy,
        ToxicType toxic,
        ToxicStream stream,
        Map<String, Number> attrs) {}
    List<Want> wants =
        List.of(
            new Want(
                ExperimentType.LATENCY_INJECTION,
                "checkout",
                ToxicType.LATENCY,
                ToxicStream.UPSTREAM,
                Map.of("latency", 200L, "jitter", 50L)),
            new Want(
                ExperimentType.REPLICATION_LAG,
                "checkout",
                ToxicType.LATENCY,
                ToxicStream.UPSTREAM,
                Map.of("latency", 500L, "jitter", 100L)),
            new Want(
                ExperimentType.DATA_CORRUPTION,
                "checkout",
                ToxicType.CORRUPTION,
                ToxicStream.DOWNSTREAM,
                Map.of("share", 0.1, "seed", 1L)),
            new Want(
                ExperimentType.DEPENDENCY_FAILURE,
                "checkout",
                ToxicType.DOWN,
                ToxicStream.DOWNSTREAM,
                Map.of()),
            new Want(
                ExperimentType.CERTIFICATE_EXPIRY,
                "checkout-tls",
                ToxicType.TLS_EXPIRED,
                ToxicStream.DOWNSTREAM,
                Map.of()),
            new Want(
                ExperimentType.AUTH_FAILURE,
                "checkout-http",
                ToxicType.HTTP_STATUS,
                ToxicStream.DOWNSTREAM,
                Map.of("code", 401L)),
            new Want(
                ExperimentType.BANDWIDTH_LIMIT,
                "checkout",
                ToxicType.BANDWIDTH,
                ToxicStream.DOWNSTREAM,
                Map.of("rate", 125_000L)));
    for (Want w : wants) {
      LocalExecutor ex = executorFor(w.proxy);
      InjectedFault f = ex.inject(plan(w.type, Map.of()), journal);
      FaultProxy p =
          List.of(plain, web, tls).stream()
              .filter(x -> x.name().equals(w.proxy))
              .findFirst()
              .orElseThrow();
      Toxic t =
          p.toxic(f.require("toxic"))
              .orElseThrow(() -> new AssertionError(w.type + " added no toxic"));
      assertEquals(Toxic.of(t.name(), w.toxic, w.stream, w.attrs), t, w.type.id());
      ex.revert(f, journal);
      assertEquals(List.of(), p.toxics(), w.type.id());
    }
    assertEquals(List.of(), journal.read().faults());
  }

  @Test
  void shouldMakeTheDependencyUnreachableAndRestoreItOnRevert() throws IOException {
    InjectedFault f = executor.inject(plan(ExperimentType.DEPENDENCY_FAILURE, Map.of()), journal);
    assertThrows(ConnectException.class, () -> TestNet.connect(plain.listenAddress()).close());
    executor.revert(f, journal);
    try (Socket s = TestNet.connect(plain.listenAddress())) {
      TestNet.roundTripMs(s);
    }
  }

  @Test
  void shouldResetConnectionsWhenTheModeIsReset() throws IOException {
    try (Socket s = TestNet.connect(plain.listenAddress())) {
      TestNet.roundTripMs(s);
      InjectedFault f =
          executor.inject(plan(ExperimentType.LATENCY_INJECTION, Map.of("mode", "reset")), journal);
      assertEquals(ToxicType.RESET_PEER, plain.toxic(f.id()).orElseThrow().type());
      SocketException e = assertThrows(SocketException.class, () -> TestNet.roundTripMs(s));
      assertTrue(e.getMessage().toLowerCase().contains("reset"), e.toString());
      executor.revert(f, journal);
    }
    try (Socket s = TestNet.connect(plain.listenAddress())) {
      TestNet.roundTripMs(s);
    }
  }

  @Test
  void shouldAnswer401ForAnAuthenticationFailure() throws IOException {
    LocalExecutor ex = executorFor("checkout-http");
    InjectedFault f = ex.inject(plan(ExperimentType.AUTH_FAILURE, Map.of()), journal);
    assertTrue(TestNet.httpGet(web.listenAddress()).startsWith("HTTP/1.1 401 "));
    ex.revert(f, journal);
    assertTrue(TestNet.httpGet(web.listenAddress()).startsWith("HTTP/1.1 200 "));
    InjectedFault g = ex.inject(plan(ExperimentType.AUTH_FAILURE, Map.of("code", "403")), journal);
    assertTrue(TestNet.httpGet(web.listenAddress()).startsWith("HTTP/1.1 403 "));
    ex.revert(g, journal);
  }

  @Test
  void shouldServeAnExpiredCertificateForCertificateExpiry() throws IOException {
    LocalExecutor ex = executorFor("checkout-tls");
    InjectedFault f = ex.inject(plan(ExperimentType.CERTIFICATE_EXPIRY, Map.of()), journal);
    assertThrows(SSLHandshakeException.class, () -> handshake().close());
    ex.revert(f, journal);
    try (SSLSocket s = handshake()) {
      assertEquals(42, echoByte(s));
    }
  }

  @Test
  void shouldSayWhyItCannotRun() throws IOException {
    LocalTarget unbound =
        new LocalTarget("checkout", null, null, List.of(), null, null, null, null, null);
    LocalExecutor noProxy =
        new LocalExecutor(
            new LocalTargets(List.of(unbound)), StandardLocalFaults.all(), Clock.systemUTC());
    assertTrue(
        noProxy
            .unsupported(plan(ExperimentType.LATENCY_INJECTION, Map.of()))
            .orElseThrow()
            .contains("has no proxyControl"));
    assertTrue(
        executor
            .unsupported(plan(ExperimentType.CERTIFICATE_EXPIRY, Map.of()))
            .orElseThrow()
            .contains("does not terminate TLS"));
    assertTrue(
        executor
            .unsupported(plan(ExperimentType.LATENCY_INJECTION, Map.of("mode", "sideways")))
            .orElseThrow()
            .contains("mode must be reset or absent, got \"sideways\""));
    assertTrue(
        executor
            .unsupported(plan(ExperimentType.BANDWIDTH_LIMIT, Map.of("rate", "fast")))
            .orElseThrow()
            .contains("rate must be like 100kbps or 1mbps"));
    assertTrue(
        executorFor("nope")
            .unsupported(plan(ExperimentType.LATENCY_INJECTION, Map.of()))
            .orElseThrow()
            .contains("no proxy named nope"));
    assertTrue(executor.unsupported(plan(ExperimentType.POD_KILL, Map.of())).isPresent());
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    LocalTarget dead =
        new LocalTarget(
            "checkout", null, null, List.of(), "http://127.0.0.1:" + port, null, null, null, null);
    assertTrue(
        new LocalExecutor(
                new LocalTargets(List.of(dead)), StandardLocalFaults.all(), Clock.systemUTC())
            .unsupported(plan(ExperimentType.LATENCY_INJECTION, Map.of()))
            .orElseThrow()
            .contains("nothing listens there"));
  }

  @Test
  void shouldLeaveNothingWhenTheProxyRefusesTheToxic() {
    LocalExecutor ex = executorFor("nope");
    FaultException e =
        assertThrows(
            FaultException.class,
            () -> ex.inject(plan(ExperimentType.DEPENDENCY_FAILURE, Map.of()), journal));
    assertTrue(e.getMessage().contains("no proxy named nope"), e.getMessage());
    assertEquals(
        List.of(),
        journal.read().faults(),
        "a failed inject leaves no journal entry once nothing is applied");
  }

  @Test
  void shouldCountAFaultAsGoneWhenItsProxyProcessIsGone() {
    InjectedFault f = executor.inject(plan(ExperimentType.LATENCY_INJECTION, Map.of()), journal);
    api.close(); // the proxy process ended: nothing listens on its addresses, its toxics are gone
    // with it
    plain.close();
    LocalExecutor fresh =
        new LocalExecutor(
            new LocalTargets(List.of()), StandardLocalFaults.all(), Clock.systemUTC());
    fresh.revert(journal.read().faults().get(0), journal);
    assertTrue(fresh.verifyReverted(f));
    assertEquals(List.of(), journal.read().faults());
    plain.clear();
  }

  @Test
  void shouldReadTheExampleProxyTargets() {
    LocalTargets t = LocalTargets.read(Path.of("examples", "local-targets-proxy.yaml"));
    assertEquals("http://127.0.0.1:8474", t.byName("checkout").orElseThrow().proxyControl());
    assertEquals("checkout", t.byName("checkout").orElseThrow().proxyNameOrName());
    assertEquals("orders-replica", t.byName("orders").orElseThrow().proxyNameOrName());
  }

  private SSLSocket handshake() throws IOException {
    SSLSocket s =
        (SSLSocket)
            TestCerts.trustingCa()
                .getSocketFactory()
                .createSocket("localhost", tls.listenAddress().getPort());
    s.setSoTimeout(10_000);
    s.startHandshake();
    return s;
  }

  private static int echoByte(SSLSocket s) throws IOException {
    s.getOutputStream().write(42);
    s.getOutputStream().flush();
    return s.getInputStream().read();
  }
}
