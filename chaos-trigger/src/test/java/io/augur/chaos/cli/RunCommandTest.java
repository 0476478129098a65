package io.augur.chaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.chaos.catalogue.ExperimentType;
import io.augur.chaos.loop.OutcomeLog;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code augur chaos run} in process: usage errors exit 2 with a reason, and a refused plan touches
 * nothing.
 */
class RunCommandTest {
  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = new CommandLine(new ChaosCommand());
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int code = cmd.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private String plan() {
    return RunFixtures.planFile(
            dir,
            RunFixtures.plan(
                "augur-cpu-spike-sleeper-1", ExperimentType.CPU_SPIKE, "sleeper", 30, Map.of()))
        .toString();
  }

  private List<String> common() throws IOException {
    return new ArrayList<>(
        List.of(
            "--metrics-file",
            RunFixtures.healthyMetrics(dir).toString(),
            "--journal",
            dir.resolve("journal").toString(),
            "--outcomes",
            dir.resolve("outcomes.jsonl").toString()));
  }

  private Run runWith(List<String> args) {
    List<String> all = new ArrayList<>(List.of("run"));
    all.addAll(args);
    return run(all.toArray(String[]::new));
  }

  private void assertUsage(Run r, String expected) {
    assertEquals(2, r.code(), r.out() + r.err());
    assertTrue(r.err().contains(expected), "wanted \"" + expected + "\" in: " + r.err());
  }

  @Test
  void shouldRefuseTheLocalExecutorWithoutApplyBecauseItsFaultsAreReal() throws IOException {
    List<String> a = common();
    a.addAll(
        List.of(
            plan(),
            "--executor",
            "local",
            "--targets",
            RunFixtures.targets(dir, "sleeper", 4242).toString()));
    assertUsage(runWith(a), "--executor local has no dry run: its faults are real");
    assertFalse(Files.exists(dir.resolve("outcomes.jsonl")), "nothing ran, nothing recorded");
  }

  @Test
  void shouldSayInTheHelpThatLocalFaultsAreReal() {
    Run r = run("run", "--help");
    assertEquals(0, r.code());
    String help = r.out().replaceAll("\\s+", " ");
    assertTrue(help.contains("--executor local has NO dry run: its faults are real"), r.out());
    assertTrue(r.out().contains("--from-kafka"), r.out());
  }

  @Test
  void shouldExplainEveryOtherUsageError() throws IOException {
    List<String> a = common();
    assertUsage(
        runWith(a), "give PLAN_OR_WORKFLOW..., --from-kafka BOOTSTRAP --topic T or --from-queue");
    List<String> queueNoList = common();
    queueNoList.add("--from-queue");
    assertUsage(runWith(queueNoList), "--from-queue needs the approvers list");
    List<String> noTopic = common();
    noTopic.addAll(List.of("--from-kafka", "127.0.0.1:9"));
    assertUsage(runWith(noTopic), "--from-kafka needs --topic");
    assertUsage(
        runWith(List.of(plan(), "--executor", "local", "--apply")), "needs --prometheus URL");
    List<String> noTargets = common();
    noTargets.addAll(List.of(plan(), "--executor", "local", "--apply"));
    assertUsage(runWith(noTargets), "--executor local needs --targets FILE");
    List<String> badTimeout = common();
    badTimeout.addAll(List.of(plan(), "--timeout", "soon"));
    assertUsage(runWith(badTimeout), "--timeout");
    List<String> badExecutor = common();
    badExecutor.addAll(List.of(plan(), "--executor", "ssh"));
    assertUsage(runWith(badExecutor), "ssh");
    List<String> reapLocal = common();
    reapLocal.addAll(List.of(plan(), "--executor", "local", "--apply", "--reap-cluster"));
    assertUsage(runWith(reapLocal), "--reap-cluster is for --executor kubernetes only");
    List<String> k8sTargets = common();
    k8sTargets.addAll(
        List.of(plan(), "--targets", RunFixtures.targets(dir, "sleeper", 4242).toString()));
    assertUsage(runWith(k8sTargets), "--targets is for --executor local only");
    List<String> twice = common();
    twice.addAll(
        List.of(
            plan(),
            plan(),
            "--executor",
            "local",
            "--apply",
            "--targets",
            RunFixtures.targets(dir, "sleeper", 4242).toString()));
    assertUsage(runWith(twice), "plan augur-cpu-spike-sleeper-1 is given twice");
  }

  @Test
  void shouldDryRunKubernetesByDefaultAndStillRunEveryGate() throws IOException {
    List<String> a = common();
    a.addAll(List.of(plan(), "--allow-namespace", "elsewhere", "--fail-on-violation"));
    Run r = runWith(a);
    assertEquals(1, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("executor kubernetes (dry run: no --apply)"), r.out());
    assertTrue(r.out().contains("REFUSED  augur-cpu-spike-sleeper-1"), r.out());
  }

  @Test
  void shouldHonourAnApprovalInTheQueueOnlyForListedApprovers() throws Exception {
    // three pods of a hundred (one pod and two downstream): above 0.02, so a person must approve
    var base =
        RunFixtures.plan(
            "augur-cpu-spike-ghost-1", ExperimentType.CPU_SPIKE, "ghost", 30, Map.of());
    var planned =
        new io.augur.chaos.experiment.PlannedExperiment(
            base.plan(), base.type(), base.selection(), base.rollout(), 2);
    String file = RunFixtures.planFile(dir, planned).toString();
    java.time.Clock clock = java.time.Clock.systemUTC();
    var queue =
        new io.augur.chaos.approval.ApprovalQueue(
            dir.resolve("queue"),
            io.augur.chaos.approval.Approvers.of(List.of("alice"), "test"),
            java.time.Duration.ofHours(1),
            clock);
    queue.submit(planned, List.of("blast radius 0.03 needs a person"));
    var metricsSource = MetricsOptions.fromFile(RunFixtures.healthyMetrics(dir));
    var policy =
        io.augur.chaos.safety.SafetyPolicy.defaults(java.util.Set.of(RunFixtures.NAMESPACE))
            .withWindows(List.of(), List.of());
    queue.approve(
        planned.plan().id(),
        "alice",
        new io.augur.chaos.safety.SafetyGates(
            policy, new io.augur.chaos.safety.HealthGate(metricsSource), List.of(), clock));
    List<String> a = common();
    a.addAll(
        List.of(
            file,
            "--executor",
            "local",
            "--apply",
            "--targets",
            RunFixtures.targets(dir, "sleeper", 4242).toString(),
            "--allow-namespace",
            RunFixtures.NAMESPACE,
            "--critical-window",
            "any",
            "--queue",
            dir.resolve("queue").toString()));
    Run unlisted = runWith(a);
    assertTrue(
        unlisted.out().contains("approvals none (give --approvers FILE or --approver NAME"),
        unlisted.out());
    assertTrue(unlisted.out().contains("needs a human approval"), unlisted.out());
    a.addAll(List.of("--approver", "bob"));
    Run bob = runWith(a);
    assertTrue(
        bob.out().contains("needs a human approval"), "alice is not on bob's list: " + bob.out());
    a.set(a.size() - 1, "alice");
    Run alice = runWith(a);
    assertTrue(alice.out().contains("approvals queue " + dir.resolve("queue")), alice.out());
    // past the approval, the executor is asked next, and has no binding for ghost: still nothing
    // injected
    assertTrue(alice.out().contains("no local target is bound to ghost"), alice.out());
    assertTrue(new OutcomeLog(dir.resolve("outcomes.jsonl")).read().outcomes().isEmpty());

    // the approved plan straight from the queue, without its file; once it has an outcome, not
    // again
    List<String> q = new ArrayList<>(a);
    q.remove(file);
    q.add("--from-queue");
    Run fromQueue = runWith(q);
    assertTrue(fromQueue.out().contains("no local target is bound to ghost"), fromQueue.out());
    new OutcomeLog(dir.resolve("outcomes.jsonl"))
        .append(
            new io.augur.domain.ExperimentOutcome(
                planned.plan().id(),
                "ghost",
                "cpu-spike",
                "unknown",
                io.augur.domain.ExperimentOutcome.Status.PASSED,
                1,
                2,
                null,
                true,
                Map.of(),
                ""));
    Run again = runWith(q);
    assertTrue(again.out().contains(planned.plan().id() + "  not run again"), again.out());
    assertTrue(again.out().contains("0 plan(s): none run"), again.out());
  }

  @Test
  void shouldRejectABadPlanFileNamingFileAndField() throws IOException {
    Path bad =
        Files.writeString(
            dir.resolve("bad.plan.yaml"),
            Files.readString(Path.of(plan())).replace("targetPods: 2", "targetPods: two"));
    List<String> a = common();
    a.addAll(
        List.of(
            bad.toString(),
            "--executor",
            "local",
            "--apply",
            "--targets",
            RunFixtures.targets(dir, "sleeper", 4242).toString()));
    Run r = runWith(a);
    assertUsage(r, bad.toString());
    assertTrue(r.err().contains("field selection.targetPods cannot be \"two\""), r.err());
  }

  @Test
  void shouldRefuseAPlanTheGatesRefuseTouchingNothingAndFailTheGateWhenAsked() throws IOException {
    List<String> a = common();
    a.addAll(
        List.of(
            plan(),
            "--executor",
            "local",
            "--apply",
            "--targets",
            RunFixtures.targets(dir, "sleeper", 4242).toString(),
            "--allow-namespace",
            "elsewhere"));
    Run quiet = runWith(a);
    assertEquals(0, quiet.code(), quiet.out() + quiet.err());
    a.add("--fail-on-violation");
    Run r = runWith(a);
    assertEquals(1, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("PREFLIGHT"), "a live line per phase: " + r.out());
    assertTrue(r.out().contains("REFUSED  augur-cpu-spike-sleeper-1"), r.out());
    assertTrue(r.out().contains("not on the allowlist [elsewhere]"), r.out());
    assertTrue(r.out().contains("1 plan(s): {REFUSED=1}"), r.out());
    assertTrue(
        new OutcomeLog(dir.resolve("outcomes.jsonl")).read().outcomes().isEmpty(),
        "a refused plan has no outcome");
    assertEquals(
        List.of(),
        new io.augur.chaos.exec.FaultJournal(dir.resolve("journal")).read().faults(),
        "nothing was journalled");
  }

  @Test
  void shouldRunThePlanFilesChaosPlanWritesForApprovedAndApprovalNeedingPlans() throws IOException {
    Path out = dir.resolve("manifests");
    Run planned = run("plan", "--demo", "--now", "2026-01-05T10:00:00Z", "--out", out.toString());
    assertEquals(0, planned.code(), planned.err());
    long waiting = planned.out().lines().filter(l -> l.startsWith("NEEDS_APPROVAL")).count();
    List<Path> files;
    try (var s = Files.list(out.resolve("plans"))) {
      files = s.sorted().toList();
    }
    assertTrue(waiting > 0, planned.out());
    assertEquals(waiting, files.size(), "one plan file per plan that can run: " + files);
    List<String> a = common();
    for (Path f : files) {
      var p = io.augur.chaos.planfile.PlanFile.read(f);
      assertEquals(f.getFileName().toString(), p.get(0).plan().id() + ".plan.yaml");
      assertTrue(planned.out().contains(p.get(0).plan().id()), "the plan the planner printed");
      a.add(f.toString());
    }
    a.addAll(
        List.of(
            "--executor",
            "local",
            "--apply",
            "--targets",
            RunFixtures.targets(dir, "nobody", 4242).toString(),
            "--fail-on-violation"));
    Run r = runWith(a);
    assertEquals(1, r.code(), r.out() + r.err());
    assertTrue(
        r.out().contains(files.size() + " plan(s): {REFUSED=" + files.size() + "}"), r.out());
    assertTrue(
        r.out().contains("is not on the allowlist []"),
        "run allows no namespace unless told: " + r.out());
  }
}
