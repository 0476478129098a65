package io.augur.chaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.augur.chaos.Fixtures;
import io.augur.chaos.loop.LabelledWindowsFile;
import io.augur.chaos.loop.OutcomeLog;
import io.augur.chaos.manifest.ManifestChecks;
import io.augur.chaos.manifest.ManifestWriter;
import io.augur.chaos.safety.HealthQuery;
import io.augur.domain.ExperimentOutcome;
import io.augur.domain.ExperimentOutcome.Status;
import io.augur.domain.FailurePrediction;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ChaosCommandTest {
  private static final String MONDAY_10 = "2026-01-05T10:00:00Z";
  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = new CommandLine(new ChaosCommand());
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int code = cmd.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private Path predictions(FailurePrediction... ps) throws IOException {
    ObjectMapper m = new ObjectMapper();
    StringBuilder sb = new StringBuilder();
    for (FailurePrediction p : ps) {
      sb.append(m.writeValueAsString(p)).append('\n');
    }
    return Files.writeString(dir.resolve("predictions.jsonl"), sb.toString());
  }

  private Path healthy() throws IOException {
    return Files.writeString(
        dir.resolve("metrics.yaml"),
        "'" + HealthQuery.defaults().get(0).promql().replace("'", "''") + "': 0.0\n");
  }

  private static String top(Run r) {
    return r.out()
        .lines()
        .filter(l -> l.startsWith("1 "))
        .findFirst()
        .orElseThrow()
        .split("\\s+")[1];
  }

  @Test
  void shouldPlanTheDemoFleetAndWriteValidManifests() throws IOException {
    Path out = dir.resolve("manifests");
    Run r =
        run(
            "plan",
            "--demo",
            "--now",
            MONDAY_10,
            "--out",
            out.toString(),
            "--approve-as",
            "alice",
            "--litmus",
            "--cron",
            "0 10 * * 1-5");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("rank component"), r.out());
    assertTrue(r.out().contains("3 planned, 3 approved"), r.out());
    try (Stream<Path> files = Files.list(out)) {
      List<Path> written = files.filter(Files::isRegularFile).toList(); // plan files are in plans/
      assertTrue(
          written.stream()
              .anyMatch(f -> f.getFileName().toString().startsWith("workflow-augur-suite-")),
          written.toString());
      assertTrue(
          written.stream().anyMatch(f -> f.getFileName().toString().startsWith("schedule-")),
          written.toString());
      for (Path f : written) {
        JsonNode m = ManifestWriter.read(Files.readString(f));
        assertEquals(List.of(), ManifestChecks.check(m), f.toString());
        assertEquals(
            "alice", m.path("metadata").path("annotations").path("augur.io/approved-by").asText());
      }
    }
  }

  @Test
  void shouldHoldPlansForAHumanWithoutApprover() {
    Run r = run("plan", "--demo", "--now", MONDAY_10, "--out", dir.resolve("m").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("NEEDS_APPROVAL"), r.out());
    assertTrue(r.out().contains("0 approved"), r.out());
    try (Stream<Path> files =
        Files.list(dir.resolve("m"))) { // no manifest; only the plan files for augur chaos run
      assertEquals(List.of(dir.resolve("m").resolve("plans")), files.toList());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void shouldRejectKubeSystemEvenWhenAllowed() throws IOException {
    Path p =
        predictions(
            Fixtures.prediction("cart/cart-0:8080", 0.6),
            Fixtures.prediction("auth/auth-0:8080", 0.5));
    Run r =
        run(
            "plan",
            "--predictions",
            p.toString(),
            "--metrics-file",
            healthy().toString(),
            "--now",
            MONDAY_10,
            "--namespace",
            "kube-system",
            "--allow-namespace",
            "kube-system",
            "--approve-as",
            "alice",
            "--out",
            dir.resolve("m").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("namespace kube-system is never a target"), r.out());
    assertTrue(r.out().contains("0 approved"), r.out());
    assertFalse(Files.exists(dir.resolve("m")));
  }

  @Test
  void shouldDeferWhenHealthIsUnknownAndSaySo() throws IOException {
    FailurePrediction[] fleet = new FailurePrediction[30];
    for (int i = 0; i < fleet.length; i++) {
      fleet[i] = Fixtures.prediction("svc" + i + "/svc" + i + "-0:8080", i == 0 ? 0.6 : 0.05);
    }
    Path p = predictions(fleet);
    Run r = run("plan", "--predictions", p.toString(), "--now", MONDAY_10);
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("DEFERRED"), r.out());
    assertTrue(r.out().contains("system health unknown"), r.out());
  }

  @Test
  void shouldTakeHealthThresholdAndQueriesFromTheConfigFile() throws IOException {
    FailurePrediction[] fleet = new FailurePrediction[30];
    for (int i = 0; i < fleet.length; i++) {
      fleet[i] = Fixtures.prediction("svc" + i + "/svc" + i + "-0:8080", i == 0 ? 0.6 : 0.05);
    }
    Path p = predictions(fleet);
    Path config =
        Files.writeString(
            dir.resolve("chaos.yaml"),
            "health:\n  threshold: 0.9\n  queries:\n    - name: errors\n      promql: 'job:errors:ratio'\n      limit: 0.1\n");
    Path metrics = Files.writeString(dir.resolve("m.yaml"), "'job:errors:ratio': 0.015\n");
    Run r =
        run(
            "plan",
            "--predictions",
            p.toString(),
            "--now",
            MONDAY_10,
            "--config",
            config.toString(),
            "--metrics-file",
            metrics.toString(),
            "--max-targets",
            "1");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("DEFERRED"), r.out());
    assertTrue(r.out().contains("system health 0.85 < 0.90"), r.out());
    assertTrue(r.out().contains("errors is 0.015"), r.out());
    Path bad = Files.writeString(dir.resolve("bad.yaml"), "health:\n  threshold: 0.5\n");
    Run refused = run("plan", "--predictions", p.toString(), "--config", bad.toString());
    assertEquals(2, refused.code());
    assertTrue(refused.err().contains("health.threshold"), refused.err());
  }

  @Test
  void shouldMoveTheTopTargetWhenAnOutcomeIsRecorded() throws IOException {
    long t = java.time.Instant.parse(MONDAY_10).toEpochMilli();
    Path p =
        predictions(
            Fixtures.prediction("a/a-0", 0.7, Map.of(), t),
            Fixtures.prediction("b/b-0", 0.6, Map.of(), t));
    Path outcomes = dir.resolve("outcomes.jsonl");
    Files.createFile(outcomes);
    String[] args = {
      "plan",
      "--predictions",
      p.toString(),
      "--outcomes",
      outcomes.toString(),
      "--now",
      MONDAY_10,
      "--metrics-file",
      healthy().toString()
    };
    assertEquals("a/a-0", top(run(args)));
    new OutcomeLog(outcomes)
        .append(Fixtures.outcome("a/a-0", Status.FAILED, t - 120_000, t - 60_000));
    Run after = run(args);
    assertEquals("b/b-0", top(after));
  }

  @Test
  void shouldExitNonZeroOnViolationOnlyWhenAsked() throws IOException {
    Path outcomes = dir.resolve("outcomes.jsonl");
    OutcomeLog log = new OutcomeLog(outcomes);
    log.append(
        new ExperimentOutcome(
            "p1",
            "gateway/gateway-0:8080",
            "pod-kill",
            "unknown",
            Status.PASSED,
            0,
            60_000,
            45_000L,
            true,
            Map.of(),
            ""));
    String req = Path.of("examples/resilience-requirements.yaml").toString();
    Run soft = run("validate", "--requirements", req, "--outcomes", outcomes.toString());
    assertEquals(0, soft.code(), soft.err());
    assertTrue(soft.out().contains("VIOLATED gateway-resilience"), soft.out());
    assertTrue(soft.out().contains("worst recovery 45s"), soft.out());
    Run hard =
        run(
            "validate",
            "--requirements",
            req,
            "--outcomes",
            outcomes.toString(),
            "--fail-on-violation");
    assertEquals(1, hard.code());
    assertTrue(hard.err().contains("violation"), hard.err());
    Path ok =
        Files.writeString(
            dir.resolve("ok.yaml"),
            "requirements:\n  - component: gateway\n    chaosTests: [pod-kill]\n    recoverySla: 1m\n");
    assertEquals(
        0,
        run(
                "validate",
                "--requirements",
                ok.toString(),
                "--outcomes",
                outcomes.toString(),
                "--fail-on-violation")
            .code());
  }

  @Test
  void shouldFlushTheReportEvenToAWriterWithoutAutoflush() {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    CommandLine cmd = new CommandLine(new ChaosCommand());
    cmd.setOut(
        new PrintWriter(
            new java.io.OutputStreamWriter(bytes, java.nio.charset.StandardCharsets.UTF_8)));
    cmd.setErr(new PrintWriter(new StringWriter()));
    int code = cmd.execute("validate", "--requirements", "examples/resilience-requirements.yaml");
    assertEquals(0, code);
    assertTrue(
        bytes.toString(java.nio.charset.StandardCharsets.UTF_8).contains("checks:"),
        bytes.toString());
  }

  @Test
  void shouldReportScoresPerService() throws IOException {
    Path outcomes = dir.resolve("outcomes.jsonl");
    OutcomeLog log = new OutcomeLog(outcomes);
    log.append(
        new ExperimentOutcome(
            "p1",
            "cart/cart-0",
            "pod-kill",
            "unknown",
            Status.PASSED,
            0,
            1,
            450_000L,
            true,
            Map.of(),
            ""));
    log.append(
        new ExperimentOutcome(
            "p2",
            "cart/cart-1",
            "pod-kill",
            "unknown",
            Status.FAILED,
            0,
            1,
            450_000L,
            false,
            Map.of(),
            ""));
    log.append(
        new ExperimentOutcome(
            "p3",
            "auth/auth-0",
            "pod-kill",
            "unknown",
            Status.PASSED,
            0,
            1,
            null,
            true,
            Map.of(),
            ""));
    Run r = run("report", "--outcomes", outcomes.toString(), "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode scores = new ObjectMapper().readTree(r.out());
    assertEquals("auth", scores.get(0).path("service").asText());
    // cart: MTTR 450 s -> 1, MTBF 0.001 s / 1 failure -> ~0, success 0.5, automation 0 -> (0.2 + 0
    // + 0.05 + 0) / 0.6
    JsonNode cart = scores.get(1);
    assertEquals((0.2 * 1 + 0.1 * 0.5) / 0.6, cart.path("score").asDouble(), 1e-6);
    assertEquals(1.0, scores.get(0).path("score").asDouble(), 1e-9); // auth: success rate 1 only
    Run table = run("report", "--outcomes", outcomes.toString());
    assertTrue(table.out().lines().anyMatch(l -> l.startsWith("cart ")), table.out());
  }

  @Test
  void shouldWriteLabelledWindows() throws IOException {
    Path outcomes = dir.resolve("outcomes.jsonl");
    new OutcomeLog(outcomes).append(Fixtures.outcome("a/a-0", Status.FAILED, 600_000, 660_000));
    Path windows = dir.resolve("w.csv");
    Run r = run("labels", "--outcomes", outcomes.toString(), "--out", windows.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("wrote 2 windows (1 failure, 1 normal)"), r.out());
    assertEquals(2, LabelledWindowsFile.read(windows).size());
  }

  @Test
  void shouldFailWithUsageOrMessageOnBadInput() {
    assertEquals(2, run().code());
    Run missing = run("validate", "--requirements", dir.resolve("nope.yaml").toString());
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("nope.yaml"), missing.err());
    assertEquals(2, run("plan").code()); // neither --predictions nor --demo
  }
}
