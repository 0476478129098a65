package io.augur.chaos.exec.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.augur.chaos.catalogue.ExperimentType;
import io.augur.chaos.exec.FaultJournal;
import io.augur.chaos.exec.FaultParams;
import io.augur.chaos.exec.FaultStatus;
import io.augur.chaos.exec.InjectedFault;
import io.augur.chaos.safety.ApprovedPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * nftables partitions and loss and a tc tbf limit inside a namespace pair the test creates (both
 * veth ends in namespaces of its own, addresses only there), checked with real TCP and UDP between
 * them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("slow")
class NetnsFaultTest {
  private static final int TCP = 7400;
  private static final int UDP = 7401;

  @TempDir static Path dir;

  private NamespacePair pair;
  private final StringBuilder why = new StringBuilder();

  @BeforeAll
  void createNamespaces() throws Exception {
    pair = NamespacePair.create(Files.createDirectories(dir.resolve("logs")), why);
    if (pair != null && (HostCommand.which("nft").isEmpty() || HostCommand.which("tc").isEmpty())) {
      why.append("nft or tc is not installed");
    }
    if (pair != null && why.length() == 0) {
      pair.startPeer(pair.nsB, "sink", pair.ipB, Integer.toString(TCP));
    }
  }

  @AfterAll
  void deleteNamespaces() {
    if (pair != null) {
      pair.close();
    }
  }

  @BeforeEach
  void needNamespaces() {
    assumeTrue(pair != null && why.length() == 0, why::toString);
  }

  private ApprovedPlan plan(ExperimentType type, Map<String, String> params) {
    return HostFaultPlans.approved(type, 60, params);
  }

  private LocalTarget boundA(ApprovedPlan plan) {
    return new LocalTarget(
        HostFaultPlans.target(plan), null, null, List.of(), null, null, pair.nsA, pair.devA, null);
  }

  private LocalExecutor executor(ApprovedPlan plan) {
    return LocalExecutor.standard(HostFaultPlans.targets(boundA(plan)), Clock.systemUTC());
  }

  private FaultJournal journal(String name) {
    return new FaultJournal(dir.resolve(name));
  }

  private static String tables(String ns) {
    return NamespacePair.in(ns, "nft", "list", "tables").output();
  }

  @Test
  void shouldCutTcpBetweenTheNamespacesDuringAPartitionAndRestoreItAfterRevertFromTheJournal() {
    assertTrue(pair.send(TCP, 1000, 5000).isPresent(), "before the fault a -> b works");
    ApprovedPlan plan = plan(ExperimentType.NETWORK_PARTITION, Map.of());
    LocalExecutor ex = executor(plan);
    assertEquals(Optional.empty(), ex.unsupported(plan));
    FaultJournal journal = journal("partition");
    InjectedFault f = ex.inject(plan, journal);
    String table = f.require(NetnsFault.TABLE);
    try {
      assertTrue(table.matches("augur_[0-9a-f]{10}"), table);
      assertTrue(tables(pair.nsA).contains("table inet " + table), tables(pair.nsA));
      assertFalse(
          HostCommand.run(List.of("nft", "list", "tables")).output().contains(table),
          "nothing in the host's namespace");
      assertEquals(FaultStatus.State.ACTIVE, ex.status(f).state());
      assertTrue(pair.send(TCP, 1000, 1500).isEmpty(), "during the partition a -> b fails");
    } finally {
      LocalExecutor fresh = LocalExecutor.standard(new LocalTargets(List.of()), Clock.systemUTC());
      for (InjectedFault left : journal.of("local")) {
        fresh.revert(left, journal);
      }
    }
    assertFalse(tables(pair.nsA).contains(table), tables(pair.nsA));
    assertTrue(ex.verifyReverted(f));
    assertTrue(journal.read().faults().isEmpty());
    assertTrue(pair.send(TCP, 1000, 5000).isPresent(), "after revert a -> b works again");
  }

  @Test
  void shouldDropOnlyTheChosenDirection() {
    for (String direction : List.of("to", "from")) {
      ApprovedPlan plan = plan(ExperimentType.NETWORK_PARTITION, Map.of("direction", direction));
      LocalExecutor ex = executor(plan);
      FaultJournal journal = journal("dir-" + direction);
      InjectedFault f = ex.inject(plan, journal);
      try {
        String rules =
            NamespacePair.in(pair.nsA, "nft", "list", "table", "inet", f.require(NetnsFault.TABLE))
                .output();
        assertEquals(direction.equals("from"), rules.contains("hook input"), rules);
        assertEquals(direction.equals("to"), rules.contains("hook output"), rules);
        assertTrue(
            rules.contains(
                (direction.equals("to") ? "oifname" : "iifname") + " \"" + pair.devA + "\" drop"),
            rules);
        assertTrue(
            pair.send(TCP, 1000, 1500).isEmpty(),
            "a one-way partition still breaks TCP (" + direction + ")");
      } finally {
        ex.revert(f, journal);
      }
      assertTrue(ex.verifyReverted(f));
    }
  }

  @Test
  void shouldDropAboutTheGivenShareOfPacketsWithLoss() throws Exception {
    int n = 2000;
    Udp baseline = udp(n);
    assertTrue(
        baseline.delivered() >= 0.95 && baseline.refused() == 0,
        "without a fault almost every datagram " + "arrives, got " + baseline);
    ApprovedPlan plan = plan(ExperimentType.NETWORK_PARTITION, Map.of("loss", "50"));
    LocalExecutor ex = executor(plan);
    FaultJournal journal = journal("loss");
    InjectedFault f = ex.inject(plan, journal);
    Udp lossy;
    try {
      String rules =
          NamespacePair.in(pair.nsA, "nft", "list", "table", "inet", f.require(NetnsFault.TABLE))
              .output();
      assertTrue(rules.contains("numgen random mod 100 < 50 drop"), rules);
      lossy = udp(n);
    } finally {
      ex.revert(f, journal);
    }
    System.out.printf(
        Locale.ROOT,
        "netns loss 50%%: %.3f of %d datagrams dropped by the rule, %.3f delivered "
            + "(baseline %.3f delivered)%n",
        lossy.refused(),
        n,
        lossy.delivered(),
        baseline.delivered());
    assertTrue(
        lossy.refused() > 0.4 && lossy.refused() < 0.6,
        "the rule should drop about half, dropped " + lossy);
    assertTrue(
        lossy.delivered() <= 1 - lossy.refused() + 1e-9 && lossy.delivered() > 0.3,
        "what the rule let through arrives, " + lossy);
    assertTrue(ex.verifyReverted(f));
  }

  /**
   * Datagrams a sent that b received, and those a's own stack refused (a drop in a's output hook is
   * EPERM).
   */
  private record Udp(double delivered, double refused) {}

  private Udp udp(int n) throws Exception {
    NamespacePair.Peer counter =
        pair.startPeer(pair.nsB, "udp-count", pair.ipB, Integer.toString(UDP), "1500");
    HostCommand.Result sent =
        HostCommand.run(
            NamespacePair.peer(
                pair.nsA, "udp-send", pair.ipB, Integer.toString(UDP), Integer.toString(n)),
            null,
            java.time.Duration.ofSeconds(60));
    assertTrue(sent.ok(), sent.output());
    String out = counter.awaitOutput(30_000);
    String line =
        out.lines()
            .filter(l -> l.startsWith("received "))
            .findFirst()
            .orElseThrow(() -> new AssertionError("the counter said " + out));
    String[] s =
        sent.output()
            .lines()
            .filter(l -> l.startsWith("sent "))
            .findFirst()
            .orElseThrow()
            .split(" ");
    return new Udp(
        Long.parseLong(line.substring("received ".length()).trim()) / (double) n,
        Long.parseLong(s[3]) / (double) n);
  }

  @Test
  void shouldLimitThroughputWithTbfAndLiftItOnRevert() {
    long big = 8L << 20;
    double before = pair.send(TCP, big, 20_000).orElseThrow();
    ApprovedPlan plan = plan(ExperimentType.BANDWIDTH_LIMIT, Map.of("rate", "2mbit"));
    LocalExecutor ex = executor(plan);
    assertEquals(Optional.empty(), ex.unsupported(plan));
    FaultJournal journal = journal("tbf");
    InjectedFault f = ex.inject(plan, journal);
    String handle = f.require(NetnsFault.QDISC);
    double limited;
    try {
      String qdisc = NamespacePair.in(pair.nsA, "tc", "qdisc", "show", "dev", pair.devA).output();
      assertTrue(
          qdisc.contains(
                  "qdisc tbf " + Integer.toHexString(Integer.parseInt(handle, 16)) + ": root")
              && qdisc.contains("rate 2Mbit"),
          qdisc);
      assertTrue(
          f.require(NetnsFault.RULES).contains("tbf rate 2mbit burst 10000 limit 20971520"),
          "the catalogue's buffer and limit: " + f.require(NetnsFault.RULES));
      limited = pair.send(TCP, 500_000, 20_000).orElseThrow();
    } finally {
      LocalExecutor.standard(new LocalTargets(List.of()), Clock.systemUTC())
          .revert(journal.of("local").get(0), journal);
    }
    String qdisc = NamespacePair.in(pair.nsA, "tc", "qdisc", "show", "dev", pair.devA).output();
    assertFalse(qdisc.contains("tbf"), qdisc);
    double after = pair.send(TCP, big, 20_000).orElseThrow();
    System.out.printf(
        Locale.ROOT,
        "netns tbf 2mbit (250000 B/s): before %.0f B/s, limited %.0f B/s, after %.0f B/s%n",
        before,
        limited,
        after);
    assertTrue(
        limited <= 250_000 * 1.25 && limited >= 250_000 * 0.5,
        "limited to about 250 kB/s, got " + limited);
    assertTrue(
        before > 10 * limited && after > 10 * limited,
        "unlimited is far faster: " + before + ", " + after);
    assertTrue(journal.read().faults().isEmpty());
  }

  @Test
  void shouldFindAndRemoveAQdiscWhoseHandleStartsWithZero() {
    // tc shows handle 0a1b: as a1b:; a fault whose id hashes to such a handle must still be seen
    // and reverted
    ApprovedPlan plan = plan(ExperimentType.BANDWIDTH_LIMIT, Map.of("rate", "2mbit"));
    String id = null;
    for (int i = 0; id == null; i++) {
      String candidate = "zero-handle-" + i + "-local-netns";
      if (NetnsFault.shortId(candidate, 4).startsWith("0")) {
        id = candidate;
      }
    }
    FaultJournal journal = journal("zero-handle");
    InjectedFault skeleton =
        new InjectedFault(
            id,
            LocalExecutor.NAME,
            plan.planned().plan().id(),
            HostFaultPlans.target(plan),
            ExperimentType.BANDWIDTH_LIMIT.id(),
            Map.of("fault", "netns"),
            1L);
    NetnsFault fault = new NetnsFault();
    InjectedFault f = fault.inject(skeleton, boundA(plan), FaultParams.of(plan), journal);
    try {
      assertFalse(fault.reverted(f), "the qdisc is seen while it is there");
    } finally {
      fault.revert(f);
    }
    assertTrue(fault.reverted(f), "and gone after revert");
    assertFalse(
        NamespacePair.in(pair.nsA, "tc", "qdisc", "show", "dev", pair.devA)
            .output()
            .contains("tbf"));
  }

  @Test
  void shouldSayWhatIsMissingOrWrongBeforeTouchingAnything() {
    ApprovedPlan plan = plan(ExperimentType.NETWORK_PARTITION, Map.of());
    FaultParams params = FaultParams.of(plan);
    NetnsFault nf = new NetnsFault();
    String t = HostFaultPlans.target(plan);
    assertTrue(
        nf.unsupported(
                ExperimentType.NETWORK_PARTITION,
                new LocalTarget(t, null, null, List.of(), null, null, null, pair.devA, null),
                params)
            .orElseThrow()
            .contains("binds no netns"));
    assertTrue(
        nf.unsupported(
                ExperimentType.NETWORK_PARTITION,
                new LocalTarget(t, null, null, List.of(), null, null, pair.nsA, null, null),
                params)
            .orElseThrow()
            .contains("binds no netDevice"));
    String absent =
        nf.unsupported(
                ExperimentType.NETWORK_PARTITION,
                new LocalTarget(
                    t, null, null, List.of(), null, null, pair.nsA + "-absent", pair.devA, null),
                params)
            .orElseThrow();
    assertTrue(absent.contains("does not exist (the caller creates it"), absent);
    String noDev =
        nf.unsupported(
                ExperimentType.NETWORK_PARTITION,
                new LocalTarget(t, null, null, List.of(), null, null, pair.nsA, "nosuchdev0", null),
                params)
            .orElseThrow();
    assertTrue(noDev.contains("has no interface nosuchdev0"), noDev);
    ApprovedPlan sideways =
        plan(ExperimentType.NETWORK_PARTITION, Map.of("direction", "sideways", "loss", "10"));
    assertTrue(
        executor(sideways)
            .unsupported(sideways)
            .orElseThrow()
            .contains("direction must be both, to or from"));
    ApprovedPlan lossy = plan(ExperimentType.NETWORK_PARTITION, Map.of("loss", "150"));
    assertTrue(
        executor(lossy)
            .unsupported(lossy)
            .orElseThrow()
            .contains("loss must be a whole percent in [1, 100]"));
    ApprovedPlan fast = plan(ExperimentType.BANDWIDTH_LIMIT, Map.of("rate", "fast"));
    assertTrue(
        executor(fast)
            .unsupported(fast)
            .orElseThrow()
            .contains("rate must be a tc rate like 1mbit"));
    String hostAlias = pair.nsA + "-host";
    HostCommand.Result attach =
        HostCommand.run(
            List.of(
                "ip", "netns", "attach", hostAlias, Long.toString(ProcessHandle.current().pid())));
    assumeTrue(attach.ok(), "ip netns attach is not available: " + attach.output());
    try {
      String host =
          nf.unsupported(
                  ExperimentType.NETWORK_PARTITION,
                  new LocalTarget(t, null, null, List.of(), null, null, hostAlias, "lo", null),
                  params)
              .orElseThrow();
      assertTrue(host.contains("is the host's own"), host);
    } finally {
      HostCommand.run(List.of("ip", "netns", "del", hostAlias));
    }
  }
}
