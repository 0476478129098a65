package io.augur.chaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.chaos.approval.ApprovalQueue;
import io.augur.chaos.approval.Approvers;
import io.augur.chaos.approval.Waiting;
import io.augur.chaos.safety.HealthQuery;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code plan --queue}, {@code pending} and {@code approve} together, on the demo fleet's plans.
 */
class ApprovalCommandsTest {
  private static final String MONDAY_10 = "2026-01-05T10:00:00Z";
  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = new CommandLine(new ChaosCommand());
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    return new Run(cmd.execute(args), out.toString(), err.toString());
  }

  private Path queueDir() {
    return dir.resolve("queue");
  }

  private Path metrics(double errorRatio) throws IOException {
    return Files.writeString(
        dir.resolve("metrics-" + errorRatio + ".yaml"),
        "'"
            + HealthQuery.defaults().get(0).promql().replace("'", "''")
            + "': "
            + errorRatio
            + "\n");
  }

  /** Plans the demo fleet into the queue and returns what waits. */
  private List<Waiting> planIntoQueue() {
    Run r = run("plan", "--demo", "--now", MONDAY_10, "--queue", queueDir().toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(
        r.out().contains("queued " + queueDir().toAbsolutePath().resolve("pending")), r.out());
    List<Waiting> w =
        new ApprovalQueue(
                queueDir(),
                Approvers.none(),
                ApprovalQueue.DEFAULT_TTL,
                Clock.fixed(Instant.parse(MONDAY_10), ZoneOffset.UTC))
            .pending();
    assertFalse(w.isEmpty(), "the demo fleet has plans that need a human");
    return w;
  }

  private Run approve(Waiting w, String name, String at, double errorRatio, String... more)
      throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "approve",
                w.planId(),
                "--as",
                name,
                "--queue",
                queueDir().toString(),
                "--approver",
                "alice",
                "--approver",
                "bob",
                "--now",
                at,
                "--metrics-file",
                metrics(errorRatio).toString(),
                "--allow-namespace",
                w.planned().plan().namespace()));
    args.addAll(List.of(more));
    return run(args.toArray(String[]::new));
  }

  @Test
  void shouldListWhatWaitsWithTargetTypeSinceAndWhy() {
    Waiting w = planIntoQueue().get(0);
    Run r = run("pending", "--queue", queueDir().toString(), "--now", "2026-01-05T10:07:30Z");
    assertEquals(0, r.code(), r.err());
    String line =
        r.out()
            .lines()
            .filter(l -> l.startsWith(w.planId()))
            .findFirst()
            .orElseThrow(() -> new AssertionError(r.out()));
    assertTrue(
        line.contains(w.planned().plan().targets().get(0))
            && line.contains(w.planned().type().id()),
        line);
    assertTrue(line.contains("2026-01-05T10:00:00Z (7m30s)"), line);
    assertTrue(line.contains("needs a human approver"), line);
    assertTrue(r.out().startsWith("id "), r.out());
  }

  @Test
  void shouldApproveAsAListedPersonAndThenListNothing() throws IOException {
    List<Waiting> all = planIntoQueue();
    Waiting w = all.get(0);
    Run r = approve(w, "alice", "2026-01-05T10:05:00Z", 0.0);
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(
        r.out()
            .contains(
                "approved "
                    + w.planId()
                    + " as alice at 2026-01-05T10:05:00Z, until 2026-01-05T11:05:00Z"),
        r.out());
    Run p = run("pending", "--queue", queueDir().toString(), "--now", "2026-01-05T10:06:00Z");
    assertFalse(p.out().contains(w.planId()), p.out());
    assertTrue(p.out().contains((all.size() - 1) + " waiting, 0 no longer in force"), p.out());
  }

  @Test
  void shouldRefuseANameThatIsNotAnApproverWithExitTwo() throws IOException {
    Waiting w = planIntoQueue().get(0);
    Run r = approve(w, "mallory", "2026-01-05T10:05:00Z", 0.0);
    assertEquals(2, r.code());
    assertTrue(
        r.err().contains("refused (not an approver): \"mallory\" is not an approver"), r.err());
  }

  @Test
  void shouldRefuseAnUnknownIdWithExitTwo() throws IOException {
    Waiting w = planIntoQueue().get(0);
    Run r =
        run(
            "approve",
            "no-such-plan",
            "--as",
            "alice",
            "--queue",
            queueDir().toString(),
            "--approver",
            "alice",
            "--metrics-file",
            metrics(0.0).toString(),
            "--allow-namespace",
            w.planned().plan().namespace());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("refused (unknown id): no plan no-such-plan waits"), r.err());
  }

  @Test
  void shouldListTheGatesReasonsWhenTheyNowRefuseWithExitTwo() throws IOException {
    Waiting w = planIntoQueue().get(0);
    Run r = approve(w, "alice", "2026-01-05T10:05:00Z", 0.05);
    assertEquals(2, r.code());
    assertTrue(
        r.err().contains("refused (refused by gate): the gates now refuse " + w.planId()), r.err());
    assertTrue(r.err().contains("    system health 0.50 < 0.80"), r.err());
    Run outsideWindow = approve(w, "alice", "2026-01-05T20:00:00Z", 0.0);
    assertEquals(2, outsideWindow.code());
    assertTrue(
        outsideWindow.err().contains("outside the windows for critical experiments"),
        outsideWindow.err());
    Run notAllowed =
        run(
            "approve",
            w.planId(),
            "--as",
            "alice",
            "--queue",
            queueDir().toString(),
            "--approver",
            "alice",
            "--now",
            "2026-01-05T10:05:00Z",
            "--metrics-file",
            metrics(0.0).toString(),
            "--allow-namespace",
            "elsewhere");
    assertEquals(2, notAllowed.code());
    assertTrue(notAllowed.err().contains("is not on the allowlist [elsewhere]"), notAllowed.err());
    assertTrue(
        run("pending", "--queue", queueDir().toString()).out().contains(w.planId()),
        "still pending");
  }

  @Test
  void shouldReportAnExpiredApprovalAndRefuseToApproveItAgain() throws IOException {
    Waiting w = planIntoQueue().get(0);
    assertEquals(0, approve(w, "alice", "2026-01-05T10:05:00Z", 0.0, "--ttl", "30m").code());
    Run p =
        run(
            "pending",
            "--queue",
            queueDir().toString(),
            "--now",
            "2026-01-05T10:40:00Z",
            "--ttl",
            "30m");
    String line =
        p.out()
            .lines()
            .filter(l -> l.startsWith(w.planId()))
            .findFirst()
            .orElseThrow(() -> new AssertionError(p.out()));
    assertTrue(line.contains("EXPIRED: approved by alice, expired 2026-01-05T10:35:00Z"), line);
    Run again = approve(w, "bob", "2026-01-05T10:40:00Z", 0.0, "--ttl", "30m");
    assertEquals(2, again.code());
    assertTrue(
        again
            .err()
            .contains(
                "refused (expired): the approval of "
                    + w.planId()
                    + " by alice expired at"
                    + " 2026-01-05T10:35:00Z"),
        again.err());
  }

  @Test
  void shouldAskForTheApproversList() {
    Run r =
        run(
            "approve",
            "x",
            "--as",
            "alice",
            "--queue",
            queueDir().toString(),
            "--allow-namespace",
            "prod");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--approvers FILE or --approver NAME"), r.err());
  }

  @Test
  void shouldServeMetricsUntilInterrupted() throws Exception {
    Path log = dir.resolve("outcomes.jsonl");
    new io.augur.chaos.loop.OutcomeLog(log)
        .append(
            io.augur.chaos.Fixtures.outcome(
                "x/x-0", io.augur.domain.ExperimentOutcome.Status.FAILED, 1_000, 2_000));
    java.io.PipedReader pipe = new java.io.PipedReader();
    PrintWriter out = new PrintWriter(new java.io.PipedWriter(pipe), true);
    CommandLine cmd = new CommandLine(new ChaosCommand());
    cmd.setOut(out);
    int[] code = {-1};
    Thread t =
        new Thread(
            () ->
                code[0] =
                    cmd.execute(
                        "exporter", "--outcomes", log.toString(), "--listen", "127.0.0.1:0"));
    t.start();
    try {
      String line = new java.io.BufferedReader(pipe).readLine();
      assertTrue(line.startsWith("serving http://127.0.0.1:"), line);
      java.net.URI uri = java.net.URI.create(line.split(" ")[1]);
      java.net.http.HttpResponse<String> r =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(uri)
                      .timeout(java.time.Duration.ofSeconds(10))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode());
      assertTrue(
          r.headers()
              .firstValue("Content-Type")
              .orElse("")
              .startsWith("text/plain; version=0.0.4"));
      assertTrue(
          r.body().contains("augur_chaos_experiment_success_rate{service=\"x\"} 0\n"), r.body());
    } finally {
      t.interrupt();
      t.join(10_000);
    }
    assertFalse(t.isAlive(), "the exporter stops when interrupted");
    assertEquals(0, code[0]);
  }

  @Test
  void shouldWriteTheTextfileFromTheOutcomeLog() throws IOException {
    Path log = dir.resolve("outcomes.jsonl");
    new io.augur.chaos.loop.OutcomeLog(log)
        .append(
            io.augur.chaos.Fixtures.outcome(
                "x/x-0", io.augur.domain.ExperimentOutcome.Status.PASSED, 1_000, 2_000));
    Path f = dir.resolve("tf/augur_chaos.prom");
    Run r = run("exporter", "--outcomes", log.toString(), "--textfile", f.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(
        Files.readString(f).contains("augur_chaos_experiment_success_rate{service=\"x\"} 1\n"),
        Files.readString(f));
    Run bad = run("exporter", "--outcomes", log.toString(), "--listen", "nowhere");
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("--listen must be HOST:PORT"), bad.err());
  }
}
