package io.augur.chaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.augur.chaos.catalogue.ExperimentType;
import io.augur.chaos.exec.FaultJournal;
import io.augur.chaos.experiment.PlannedExperiment;
import io.augur.chaos.loop.OutcomeLog;
import io.augur.chaos.manifest.ChaosMeshManifests;
import io.augur.chaos.manifest.ManifestWriter;
import io.augur.domain.ExperimentOutcome;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code augur chaos run WORKFLOW.yaml} with the local executor, in process, against real {@code
 * sleep} processes paused with SIGSTOP: a planner's Workflow runs its steps one after another and
 * records both; a hand-written or edited one, or one with a step the gates refuse, applies nothing.
 */
class RunWorkflowTest {
  @TempDir Path dir;
  private final List<Process> children = new ArrayList<>();

  record Run(int code, String out, String err) {}

  @AfterEach
  void stopChildren() throws Exception {
    for (Process p : children) {
      new ProcessBuilder("kill", "-s", "CONT", Long.toString(p.pid()))
          .start()
          .waitFor(5, TimeUnit.SECONDS);
      p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }

  private Process sleeper() throws IOException {
    Process p = new ProcessBuilder("sleep", "600").start();
    children.add(p);
    return p;
  }

  /** The state letter of /proc/PID/stat (T = stopped). */
  private static char state(Process p) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + p.pid() + "/stat"));
    return stat.substring(stat.lastIndexOf(')') + 2).charAt(0);
  }

  private Path targets(Process a, Process b) throws IOException {
    return Files.writeString(
        dir.resolve("targets.yaml"),
        "targets:\n  - name: alpha\n    pid: "
            + a.pid()
            + "\n  - name: beta\n    pid: "
            + b.pid()
            + "\n");
  }

  private static PlannedExperiment pause(String id, String target, int affected) {
    PlannedExperiment p = RunFixtures.plan(id, ExperimentType.POD_FAILURE, target, 1, Map.of());
    return new PlannedExperiment(p.plan(), p.type(), p.selection(), p.rollout(), affected);
  }

  private Run run(Path workflow, Path targets, String... extra) throws IOException {
    List<String> a =
        new ArrayList<>(
            List.of(
                "run",
                workflow.toString(),
                "--executor",
                "local",
                "--apply",
                "--targets",
                targets.toString(),
                "--metrics-file",
                RunFixtures.healthyMetrics(dir).toString(),
                "--allow-namespace",
                RunFixtures.NAMESPACE,
                "--critical-window",
                "any",
                "--watch-interval",
                "200ms",
                "--journal",
                dir.resolve("journal").toString(),
                "--outcomes",
                dir.resolve("outcomes.jsonl").toString(),
                "--fail-on-violation"));
    a.addAll(List.of(extra));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = new CommandLine(new ChaosCommand());
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    return new Run(cmd.execute(a.toArray(String[]::new)), out.toString(), err.toString());
  }

  private void assertNothingApplied(Process... ps) throws IOException {
    assertEquals(
        List.of(), new FaultJournal(dir.resolve("journal")).read().faults(), "nothing journalled");
    Path log = dir.resolve("outcomes.jsonl");
    assertTrue(!Files.exists(log) || new OutcomeLog(log).read().outcomes().isEmpty(), "no outcome");
    for (Process p : ps) {
      assertNotEquals('T', state(p), "pid " + p.pid() + " was never stopped");
    }
  }

  @Test
  void shouldRunATwoStepWorkflowOneStepAfterTheOtherAndRecordBoth() throws Exception {
    Process a = sleeper();
    Process b = sleeper();
    Path wf =
        WorkflowFixtures.workflow(
            dir,
            "two-steps",
            List.of(pause("wf-pause-alpha-1", "alpha", 0), pause("wf-pause-beta-1", "beta", 0)));
    Run r = run(wf, targets(a, b));
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(
        r.out()
            .contains(
                "workflow local/two-steps from "
                    + wf
                    + ": 2 step(s) [wf-pause-alpha-1, wf-pause-beta-1]"),
        r.out());
    assertTrue(
        r.out().contains("PASSED   wf-pause-alpha-1")
            && r.out().contains("PASSED   wf-pause-beta-1"),
        r.out());
    assertTrue(r.out().contains("2 plan(s): {PASSED=2}"), r.out());
    List<ExperimentOutcome> o = new OutcomeLog(dir.resolve("outcomes.jsonl")).read().outcomes();
    assertEquals(
        List.of("wf-pause-alpha-1", "wf-pause-beta-1"),
        o.stream().map(ExperimentOutcome::planId).toList());
    assertTrue(
        o.stream().allMatch(x -> x.status() == ExperimentOutcome.Status.PASSED), o.toString());
    assertTrue(o.get(1).startedAtMs() >= o.get(0).endedAtMs(), "one after the other: " + o);
    assertEquals(List.of(), new FaultJournal(dir.resolve("journal")).read().faults());
    assertNotEquals('T', state(a), "alpha continued");
    assertNotEquals('T', state(b), "beta continued");
  }

  @Test
  void shouldApplyNothingWhenTheGatesRefuseOneStep() throws Exception {
    Process a = sleeper();
    Process b = sleeper();
    // the second step hits two more components: blast radius above what runs without a person's
    // approval
    Path wf =
        WorkflowFixtures.workflow(
            dir,
            "one-refused",
            List.of(pause("wf-pause-alpha-2", "alpha", 0), pause("wf-pause-beta-2", "beta", 2)));
    Run r = run(wf, targets(a, b));
    assertEquals(1, r.code(), r.out() + r.err());
    assertTrue(
        r.out()
            .contains(
                "wf-pause-beta-2  PREFLIGHT refused: plan wf-pause-beta-2 needs a human approval"),
        r.out());
    assertTrue(
        r.out()
            .contains(
                "REFUSED  wf-pause-alpha-2  not run: step wf-pause-beta-2 of workflow local/one-refused "
                    + "is refused, so nothing of it is applied"),
        r.out());
    assertTrue(r.out().contains("2 plan(s): {REFUSED=2}"), r.out());
    assertTrue(!r.out().contains("INJECT"), r.out());
    assertNothingApplied(a, b);
  }

  @Test
  void shouldRefuseAHandWrittenWorkflowSayingHowToMakeOne() throws Exception {
    Process a = sleeper();
    Process b = sleeper();
    Path wf =
        Files.writeString(
            dir.resolve("by-hand.yaml"),
            """
        apiVersion: chaos-mesh.org/v1alpha1
        kind: Workflow
        metadata: {name: by-hand, namespace: local}
        spec:
          entry: main
          templates:
            - {name: main, templateType: Serial, children: [kill]}
            - name: kill
              templateType: PodChaos
              deadline: 30s
              podChaos: {action: pod-kill, mode: all, selector: {namespaces: [local]}}
        """);
    Run r = run(wf, targets(a, b));
    assertEquals(2, r.code(), r.out() + r.err());
    assertTrue(
        r.err()
            .contains(
                "workflow "
                    + wf
                    + " (local/by-hand) has no augur.io/plans annotation, so its steps "
                    + "cannot be gated"),
        r.err());
    assertTrue(r.err().contains("augur chaos plan --predictions FILE --out DIR"), r.err());
    assertNothingApplied(a, b);
  }

  @Test
  void shouldRefuseAWorkflowWhoseFaultTemplateWasEditedNamingTheTemplate() throws Exception {
    Process a = sleeper();
    Process b = sleeper();
    Path wf =
        WorkflowFixtures.workflow(
            dir,
            "edited",
            List.of(pause("wf-pause-alpha-3", "alpha", 0), pause("wf-pause-beta-3", "beta", 0)));
    ObjectNode m = (ObjectNode) ManifestWriter.read(Files.readString(wf));
    String edited = null;
    for (JsonNode t : m.path("spec").path("templates")) {
      if ("PodChaos".equals(t.path("templateType").asText()) && edited == null) {
        ((ObjectNode) t.path("podChaos")).put("mode", "all"); // every pod instead of one
        edited = t.path("name").asText();
      }
    }
    Files.writeString(wf, ManifestWriter.yaml(m));
    Run r = run(wf, targets(a, b));
    assertEquals(2, r.code(), r.out() + r.err());
    assertTrue(
        r.err()
            .contains(
                "template "
                    + edited
                    + " (PodChaos) differs from what embedded plan wf-pause-alpha-3 "
                    + "makes; the Workflow was edited after augur chaos plan wrote it"),
        r.err());
    assertNothingApplied(a, b);

    // an added fault that no plan makes is refused the same way
    ObjectNode again =
        (ObjectNode)
            ManifestWriter.read(
                Files.readString(
                    WorkflowFixtures.workflow(
                        dir, "added", List.of(pause("wf-pause-alpha-4", "alpha", 0)))));
    ((com.fasterxml.jackson.databind.node.ArrayNode) again.path("spec").path("templates"))
        .addObject()
        .put("name", "extra")
        .put("templateType", "PodChaos")
        .putObject("podChaos")
        .put("action", "pod-kill");
    Path added = Files.writeString(dir.resolve("added.yaml"), ManifestWriter.yaml(again));
    Run r2 = run(added, targets(a, b));
    assertEquals(2, r2.code(), r2.out() + r2.err());
    assertTrue(
        r2.err().contains("template extra (PodChaos) is not a step of any embedded plan"),
        r2.err());
    assertTrue(again.path("metadata").path("annotations").has(ChaosMeshManifests.PLANS_ANNOTATION));
    assertNothingApplied(a, b);
  }

  @Test
  void shouldReadBackTheWorkflowChaosPlanWritesWithEveryApprovedPlanInIt() throws Exception {
    Path out = dir.resolve("manifests");
    StringWriter o = new StringWriter();
    CommandLine cmd = new CommandLine(new ChaosCommand());
    cmd.setOut(new PrintWriter(o, true));
    cmd.setErr(new PrintWriter(o, true));
    assertEquals(
        0,
        cmd.execute(
            "plan",
            "--demo",
            "--now",
            "2026-01-05T10:00:00Z",
            "--approve-as",
            "tester",
            "--out",
            out.toString()),
        o.toString());
    Path wf;
    try (var s = Files.list(out)) {
      wf =
          s.filter(f -> f.getFileName().toString().startsWith("workflow-augur-suite-"))
              .findFirst()
              .orElseThrow();
    }
    var read = io.augur.chaos.manifest.WorkflowFile.read(wf);
    List<String> approved =
        o.toString()
            .lines()
            .filter(l -> l.startsWith("APPROVED"))
            .map(l -> l.trim().split("\\s+")[1])
            .toList();
    assertTrue(approved.size() >= 2, o.toString());
    assertEquals(
        approved.stream().sorted().toList(),
        read.plans().stream().map(p -> p.plan().id()).sorted().toList());
    assertTrue(
        read.budgetSeconds() > read.plans().get(0).plan().durationSeconds(),
        "baseline, steps, checks, report");
    // the planner's plans, as its plan files hold them
    for (var p : read.plans()) {
      assertEquals(
          io.augur.chaos.planfile.PlanFile.toYaml(p),
          io.augur.chaos.planfile.PlanFile.toYaml(
              io.augur.chaos.planfile.PlanFile.read(
                  out.resolve("plans").resolve(p.plan().id() + ".plan.yaml"))));
    }
  }
}
