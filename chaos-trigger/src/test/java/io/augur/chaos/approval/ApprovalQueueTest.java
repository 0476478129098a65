package io.augur.chaos.approval;

import static io.augur.chaos.approval.QueueFixtures.gates;
import static io.augur.chaos.approval.QueueFixtures.healthy;
import static io.augur.chaos.approval.QueueFixtures.plan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.chaos.Fixtures;
import io.augur.chaos.Fixtures.MutableClock;
import io.augur.chaos.approval.ApprovalRefusedException.Why;
import io.augur.chaos.experiment.PlannedExperiment;
import io.augur.chaos.prom.InMemoryMetricsSource;
import io.augur.chaos.safety.SafetyGates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApprovalQueueTest {
  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Fixtures.T0);
  private final InMemoryMetricsSource health = healthy();
  private final SafetyGates gates = gates(health, clock);
  private final Approvers approvers = Approvers.of(List.of("alice", "bob"), "test");

  private ApprovalQueue queue() {
    return new ApprovalQueue(dir, approvers, ApprovalQueue.DEFAULT_TTL, clock);
  }

  private long now() {
    return clock.millis();
  }

  @Test
  void shouldKeepThePlanInFullInThePendingFile() throws Exception {
    PlannedExperiment p = plan("augur-latency-svc-1");
    Path f = queue().submit(p, List.of("blast radius 0.0040 > 0.0020 needs a human approver"));
    assertEquals(dir.resolve("pending/augur-latency-svc-1.yaml"), f);
    assertTrue(Files.readString(f).contains("kind: augur-pending-plan"), Files.readString(f));
    clock.advance(Duration.ofMinutes(7));
    List<Waiting> w = queue().pending();
    assertEquals(1, w.size());
    assertEquals(p, w.get(0).planned(), "the plan reads back equal, field by field");
    assertEquals(Duration.ofMinutes(7), w.get(0).age());
    assertEquals(
        List.of("blast radius 0.0040 > 0.0020 needs a human approver"), w.get(0).reasons());
    assertFalse(w.get(0).isExpired());
  }

  @Test
  void shouldApproveForAListedNameAndMoveThePlanToApproved() throws Exception {
    ApprovalQueue q = queue();
    q.submit(plan("p1"), List.of("needs a human"));
    clock.advance(Duration.ofMinutes(3));
    Approval a = q.approve("p1", "alice", gates);
    assertEquals("alice", a.approver());
    assertEquals(Fixtures.T0.plus(Duration.ofMinutes(63)), a.expiresAt());
    assertFalse(Files.exists(dir.resolve("pending/p1.yaml")));
    assertTrue(Files.readString(dir.resolve("approved/p1.yaml")).contains("approver: alice"));
    assertEquals(Optional.of("alice"), q.approver("p1", now()));
    assertEquals(plan("p1"), q.inForce("p1", now()).orElseThrow().planned());
    assertTrue(q.pending().isEmpty());
    assertEquals(1, q.approved().size());
    try (Stream<Path> s = Files.walk(dir)) {
      assertTrue(
          s.noneMatch(x -> x.getFileName().toString().endsWith(".tmp")),
          "no temporary file left behind");
    }
  }

  @Test
  void shouldExpireAnApprovalAfterTheTtlAndReportItAsExpired() throws Exception {
    ApprovalQueue q = queue();
    q.submit(plan("p1"), List.of("needs a human"));
    q.approve("p1", "alice", gates);
    clock.advance(Duration.ofHours(1).minusMillis(1));
    assertEquals(Optional.of("alice"), q.approver("p1", now()));
    clock.advance(Duration.ofMillis(1));
    assertEquals(Optional.empty(), q.approver("p1", now()));
    List<Waiting> w = q.pending();
    assertEquals(1, w.size());
    assertTrue(w.get(0).isExpired());
    assertEquals("alice", w.get(0).approval().approver());
    ApprovalRefusedException e =
        assertThrows(ApprovalRefusedException.class, () -> q.approve("p1", "bob", gates));
    assertEquals(Why.EXPIRED, e.why());
    assertTrue(e.getMessage().contains("expired at 2026-03-02T11:00:00Z"), e.getMessage());
  }

  @Test
  void shouldNotCountAnApprovalBeforeTheTimeItWasGiven() throws Exception {
    ApprovalQueue q = queue();
    q.submit(plan("p1"), List.of("needs a human"));
    clock.advance(Duration.ofDays(30)); // e.g. approved with a clock set ahead
    q.approve("p1", "alice", gates);
    assertEquals(Optional.empty(), q.approver("p1", Fixtures.T0.toEpochMilli()));
    assertEquals(Optional.of("alice"), q.approver("p1", now()));
  }

  @Test
  void shouldRefuseANameThatIsNotAnApproverAndKeepThePlanPending() {
    ApprovalQueue q = queue();
    q.submit(plan("p1"), List.of("needs a human"));
    ApprovalRefusedException e =
        assertThrows(ApprovalRefusedException.class, () -> q.approve("p1", "mallory", gates));
    assertEquals(Why.NOT_AN_APPROVER, e.why());
    assertTrue(
        e.getMessage().contains("\"mallory\" is not an approver")
            && e.getMessage().contains("[alice, bob]"),
        e.getMessage());
    assertEquals(
        Why.NOT_AN_APPROVER,
        assertThrows(
                ApprovalRefusedException.class, () -> q.approve("p1", SafetyGates.POLICY, gates))
            .why());
    assertEquals(1, q.pending().size());
    assertEquals(Optional.empty(), q.approver("p1", now()));
  }

  @Test
  void shouldRefuseWhenAGateNowRefusesAndListTheReasons() throws Exception {
    ApprovalQueue q = queue();
    q.submit(plan("p1"), List.of("needs a human"));
    health.set(QueueFixtures.ERROR_RATIO, 0.05); // health 0.5: deferred
    ApprovalRefusedException e =
        assertThrows(ApprovalRefusedException.class, () -> q.approve("p1", "alice", gates));
    assertEquals(Why.REFUSED_BY_GATE, e.why());
    assertTrue(
        e.getMessage().contains("DEFERRED") && e.getMessage().contains("system health 0.50 < 0.80"),
        e.getMessage());
    assertEquals("system health 0.50 < 0.80", e.reasons().get(0));
    assertEquals(1, q.pending().size(), "a refused approval leaves the plan pending");
    health.set(QueueFixtures.ERROR_RATIO, 0.0);
    assertEquals("alice", q.approve("p1", "alice", gates).approver());
  }

  @Test
  void shouldRefuseAnUnknownIdAndNameWhatWaits() {
    ApprovalQueue q = queue();
    q.submit(plan("p1"), List.of("needs a human"));
    ApprovalRefusedException e =
        assertThrows(ApprovalRefusedException.class, () -> q.approve("p2", "alice", gates));
    assertEquals(Why.UNKNOWN_ID, e.why());
    assertTrue(
        e.getMessage().contains("no plan p2") && e.getMessage().contains("[p1]"), e.getMessage());
    assertEquals(
        Why.UNKNOWN_ID,
        assertThrows(
                ApprovalRefusedException.class, () -> q.approve("../approved/p1", "alice", gates))
            .why());
  }

  @Test
  void shouldRefuseASecondApprovalWhileTheFirstIsInForce() throws Exception {
    ApprovalQueue q = queue();
    q.submit(plan("p1"), List.of("needs a human"));
    q.approve("p1", "alice", gates);
    assertEquals(
        Why.ALREADY_APPROVED,
        assertThrows(ApprovalRefusedException.class, () -> q.approve("p1", "bob", gates)).why());
    assertThrows(IllegalStateException.class, () -> q.submit(plan("p1"), List.of("again")));
  }

  @Test
  void shouldDropAnApprovalWhenItsApproverLeavesTheList() throws Exception {
    queue().submit(plan("p1"), List.of("needs a human"));
    queue().approve("p1", "alice", gates);
    ApprovalQueue withoutAlice =
        new ApprovalQueue(
            dir, Approvers.of(List.of("bob"), "test"), ApprovalQueue.DEFAULT_TTL, clock);
    assertEquals(Optional.empty(), withoutAlice.approver("p1", now()));
  }

  @Test
  void shouldHonourAShorterTtlForApprovalsAlreadyGiven() throws Exception {
    queue().submit(plan("p1"), List.of("needs a human"));
    queue().approve("p1", "alice", gates);
    clock.advance(Duration.ofMinutes(10));
    ApprovalQueue shorter = new ApprovalQueue(dir, approvers, Duration.ofMinutes(10), clock);
    assertEquals(Optional.empty(), shorter.approver("p1", now()));
    assertEquals(Optional.of("alice"), queue().approver("p1", now()));
  }

  @Test
  void shouldTreatAnUnreadableApprovalAsNone() throws Exception {
    queue().submit(plan("p1"), List.of("needs a human"));
    queue().approve("p1", "alice", gates);
    Path f = dir.resolve("approved/p1.yaml");
    Files.writeString(f, Files.readString(f).replace("approver: alice", "approver: [alice"));
    assertEquals(Optional.empty(), queue().approver("p1", now()));
    Files.writeString(f, "kind: augur-approval\nversion: 1\nplanId: p2\n");
    assertEquals(Optional.empty(), queue().approver("p1", now()));
  }

  @Test
  void shouldKeepTheFirstSubmissionTimeWhenAPlanIsSubmittedAgain() {
    ApprovalQueue q = queue();
    q.submit(plan("p1"), List.of("first"));
    clock.advance(Duration.ofMinutes(5));
    q.submit(plan("p1"), List.of("second"));
    Waiting w = q.pending().get(0);
    assertEquals(Fixtures.T0, w.since());
    assertEquals(List.of("second"), w.reasons());
  }

  @Test
  void shouldRefuseAPlanIdThatIsNotAFileName() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> queue().submit(plan("a/../b"), List.of()));
    assertTrue(e.getMessage().contains("file-safe"), e.getMessage());
  }

  @Test
  void shouldLetAPersonAcceptATargetAugurExpectsToFailThroughTheQueue() throws Exception {
    PlannedExperiment small = QueueFixtures.smallPlan("p-1"); // needs no one by itself
    SafetyGates withCeiling =
        new SafetyGates(
            QueueFixtures.POLICY,
            new io.augur.chaos.safety.HealthGate(health),
            List.of(
                io.augur.chaos.safety.PreflightCheck.predictedFailureCeilingFrom(
                    t -> java.util.OptionalDouble.of(0.97), 0.9)),
            clock);
    io.augur.chaos.safety.GateDecision d = withCeiling.evaluate(small);
    assertEquals(io.augur.chaos.safety.GateDecision.Status.NEEDS_APPROVAL, d.status());
    ApprovalQueue q = queue();
    q.submit(small, d.reasons());
    assertTrue(q.pending().get(0).reasons().get(0).contains("probability 0.9700 > ceiling 0.9000"));
    assertEquals("bob", q.approve("p-1", "bob", withCeiling).approver());
    assertEquals(Optional.of("bob"), q.approverOf(small, now()));
  }

  @Test
  void shouldLetExactlyOneOfManyConcurrentApproversWin() throws Exception {
    queue().submit(plan("p1"), List.of("needs a human"));
    Approvers many = Approvers.of(List.of("a1", "a2", "a3", "a4", "a5", "a6"), "test");
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(6);
    try {
      List<java.util.concurrent.Future<String>> results = new java.util.ArrayList<>();
      java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
      for (String name : many.names()) {
        results.add(
            pool.submit(
                () -> {
                  go.await();
                  try {
                    return new ApprovalQueue(dir, many, ApprovalQueue.DEFAULT_TTL, clock)
                        .approve("p1", name, gates)
                        .approver();
                  } catch (ApprovalRefusedException e) {
                    return e.why().name();
                  }
                }));
      }
      go.countDown();
      List<String> got = new java.util.ArrayList<>();
      for (java.util.concurrent.Future<String> f : results) {
        got.add(f.get(30, java.util.concurrent.TimeUnit.SECONDS));
      }
      assertEquals(5, got.stream().filter("ALREADY_APPROVED"::equals).count(), got.toString());
      String winner = got.stream().filter(n -> n.startsWith("a")).findFirst().orElseThrow();
      assertEquals(
          Optional.of(winner),
          new ApprovalQueue(dir, many, ApprovalQueue.DEFAULT_TTL, clock).approver("p1", now()));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void shouldTrustTheApprovalWhenACrashLeftThePendingFileBehind() throws Exception {
    ApprovalQueue q = queue();
    q.submit(plan("p1"), List.of("needs a human"));
    byte[] pending = Files.readAllBytes(dir.resolve("pending/p1.yaml"));
    q.approve("p1", "alice", gates);
    Files.write(
        dir.resolve("pending/p1.yaml"),
        pending); // as if the runner died between the rename and the delete
    assertTrue(q.pending().isEmpty(), q.pending().toString());
    assertEquals(Optional.of("alice"), q.approver("p1", now()));
    assertEquals(
        Why.ALREADY_APPROVED,
        assertThrows(ApprovalRefusedException.class, () -> q.approve("p1", "bob", gates)).why());
  }

  @Test
  void shouldReadTheExampleApproversFile() {
    assertEquals(
        java.util.Set.of("alice", "bob.on-call"),
        Approvers.read(Path.of("examples/approvers.txt")).names());
  }

  @Test
  void shouldReadApproversFromAFileAndRefuseBadNames() throws Exception {
    Path f =
        Files.writeString(
            dir.resolve("approvers"), "# who may approve\nalice\n\n  bob.smith  # on call\n");
    assertEquals(java.util.Set.of("alice", "bob.smith"), Approvers.read(f).names());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Approvers.read(Files.writeString(dir.resolve("bad"), "alice\nrm -rf\n")));
    assertTrue(
        e.getMessage().contains("\"rm -rf\"") && e.getMessage().contains("line 2"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Approvers.of(List.of("Policy"), "test"));
  }
}
