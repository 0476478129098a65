package io.augur.chaos.metrics;

import static io.augur.domain.ExperimentOutcome.Status.ABORTED;
import static io.augur.domain.ExperimentOutcome.Status.FAILED;
import static io.augur.domain.ExperimentOutcome.Status.PASSED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.augur.chaos.Fixtures;
import io.augur.chaos.loop.OutcomeLog;
import io.augur.domain.ExperimentOutcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChaosMetricsTest {
  private static final long T = Fixtures.T0.toEpochMilli();
  @TempDir Path dir;

  static ExperimentOutcome outcome(
      String target, String type, ExperimentOutcome.Status s, long endMs) {
    return new ExperimentOutcome(
        "plan-" + endMs,
        target,
        type,
        "unknown",
        s,
        endMs - 60_000,
        endMs,
        null,
        false,
        Map.of(),
        "");
  }

  private static List<ExperimentOutcome> sample() {
    return List.of(
        outcome("checkout/checkout-0:8080", "pod-kill", PASSED, T - 3_600_000),
        outcome("checkout/checkout-1:8080", "pod-kill", FAILED, T - 60_000),
        outcome("checkout/checkout-0:8080", "latency-injection", PASSED, T - 1_000),
        outcome("payments", "cpu-spike", ABORTED, T - 500));
  }

  @Test
  void shouldCountEveryResultOfEachServiceAndTypeIncludingZeros() {
    String text = ChaosMetrics.exposition(sample(), null, Fixtures.T0, 0);
    assertTrue(
        text.contains(
            "augur_chaos_experiments_total{service=\"checkout\",type=\"pod-kill\",result=\"passed\"} 1\n"),
        text);
    assertTrue(
        text.contains(
            "augur_chaos_experiments_total{service=\"checkout\",type=\"pod-kill\",result=\"failed\"} 1\n"),
        text);
    assertTrue(
        text.contains(
            "augur_chaos_experiments_total{service=\"checkout\",type=\"pod-kill\",result=\"aborted\"} 0\n"),
        text);
    assertTrue(
        text.contains(
            "augur_chaos_experiments_total{service=\"payments\",type=\"cpu-spike\",result=\"aborted\"} 1\n"),
        text);
    assertTrue(text.contains("# TYPE augur_chaos_experiments_total counter\n"), text);
  }

  @Test
  void shouldRateSuccessAsPassedOverAllAndStampTheLatestEnd() {
    String text = ChaosMetrics.exposition(sample(), null, Fixtures.T0, 0);
    assertTrue(
        text.contains(
            "augur_chaos_experiment_success_rate{service=\"checkout\"} 0.6666666666666666\n"),
        text);
    assertTrue(
        text.contains("augur_chaos_experiment_success_rate{service=\"payments\"} 0\n"), text);
    assertTrue(
        text.contains(
            "augur_chaos_last_experiment_timestamp_seconds{service=\"checkout\"} "
                + (T - 1_000) / 1000
                + "\n"),
        text);
    assertTrue(
        text.contains(
            "augur_chaos_last_experiment_timestamp_seconds{service=\"payments\"} "
                + (T - 500) / 1000
                + ".5\n"),
        text);
  }

  @Test
  void shouldRateOnlyTheRecentWindowWhileCountersKeepEverything() {
    String text = ChaosMetrics.exposition(sample(), Duration.ofMinutes(30), Fixtures.T0, 0);
    assertTrue(
        text.contains("augur_chaos_experiment_success_rate{service=\"checkout\"} 0.5\n"), text);
    assertTrue(text.contains("result=\"passed\"} 1\n"), text);
    String none = ChaosMetrics.exposition(sample(), Duration.ofMillis(100), Fixtures.T0, 0);
    assertFalse(
        none.contains("augur_chaos_experiment_success_rate{"),
        "no outcome in the window: no sample\n" + none);
  }

  @Test
  void shouldEscapeLabelValues() {
    String text =
        ChaosMetrics.exposition(
            List.of(outcome("we\"ird\\svc\nx/pod", "pod-kill", PASSED, T)), null, Fixtures.T0, 0);
    assertTrue(text.contains("{service=\"we\\\"ird\\\\svc\\nx\"}"), text);
  }

  @Test
  void shouldPassPromtoolsCheck() throws Exception {
    Path promtool = Path.of("/usr/bin/promtool");
    assumeTrue(Files.isExecutable(promtool), "promtool missing at " + promtool);
    List<ExperimentOutcome> all = new java.util.ArrayList<>(sample());
    all.add(outcome("we\"ird\\svc\nx/pod", "pod-kill", PASSED, T));
    Path f =
        Files.writeString(
            dir.resolve("m.prom"),
            ChaosMetrics.exposition(all, Duration.ofHours(24), Fixtures.T0, 2));
    Process p =
        new ProcessBuilder(promtool.toString(), "check", "metrics")
            .redirectInput(f.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "promtool finished");
    assertEquals(0, p.exitValue(), "promtool check metrics: " + out);
    assertEquals("", out.trim(), "no lint findings");
  }

  @Test
  void shouldReadOnlyWhatWasAppendedSinceTheLastScrape() throws Exception {
    OutcomeLog log = new OutcomeLog(dir.resolve("outcomes.jsonl"));
    ChaosExporter e = new ChaosExporter(log.file(), null, new Fixtures.MutableClock(Fixtures.T0));
    assertTrue(
        e.scrape().contains("augur_chaos_outcome_log_unreadable_lines 0"),
        "absent log: no experiments");
    sample().forEach(log::append);
    e.scrape();
    long first = e.bytesParsed();
    assertEquals(Files.size(log.file()), first);
    log.append(outcome("checkout/checkout-0:8080", "pod-kill", PASSED, T));
    String text = e.scrape();
    assertEquals(Files.size(log.file()), e.bytesParsed(), "parsed the new line only, once");
    assertTrue(
        text.contains("augur_chaos_experiment_success_rate{service=\"checkout\"} 0.75\n"), text);
  }

  @Test
  void shouldWaitForATornLineAndCountItUnreadableOnceTheNextAppendEndsIt() throws Exception {
    OutcomeLog log = new OutcomeLog(dir.resolve("outcomes.jsonl"));
    log.append(outcome("a/a-0", "pod-kill", PASSED, T));
    Files.writeString(
        log.file(),
        "{\"planId\":\"torn",
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);
    ChaosExporter e = new ChaosExporter(log.file(), null, new Fixtures.MutableClock(Fixtures.T0));
    assertTrue(e.scrape().contains("augur_chaos_outcome_log_unreadable_lines 0\n"));
    log.append(outcome("a/a-0", "pod-kill", FAILED, T)); // OutcomeLog ends the torn line first
    String text = e.scrape();
    assertTrue(text.contains("augur_chaos_outcome_log_unreadable_lines 1\n"), text);
    assertTrue(text.contains("augur_chaos_experiment_success_rate{service=\"a\"} 0.5\n"), text);
    assertEquals(
        new OutcomeLog(log.file()).read().skippedLines().size(),
        1,
        "the same line OutcomeLog.read skips");
  }

  @Test
  void shouldStartAgainWhenTheLogIsReplaced() throws Exception {
    OutcomeLog log = new OutcomeLog(dir.resolve("outcomes.jsonl"));
    sample().forEach(log::append);
    ChaosExporter e = new ChaosExporter(log.file(), null, new Fixtures.MutableClock(Fixtures.T0));
    e.scrape();
    Path other = dir.resolve("other.jsonl");
    new OutcomeLog(other).append(outcome("solo/solo-0", "pod-kill", PASSED, T));
    Files.move(other, log.file(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    String text = e.scrape();
    assertFalse(text.contains("checkout"), text);
    assertTrue(text.contains("augur_chaos_experiment_success_rate{service=\"solo\"} 1\n"), text);
  }

  @Test
  void shouldServeOnlyGetMetrics() throws Exception {
    try (ChaosExporter e =
        new ChaosExporter(
            dir.resolve("none.jsonl"), null, new Fixtures.MutableClock(Fixtures.T0))) {
      java.net.InetSocketAddress at = e.start("127.0.0.1", 0);
      java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
      java.net.URI base = java.net.URI.create("http://127.0.0.1:" + at.getPort());
      java.util.function.Function<java.net.http.HttpRequest.Builder, Integer> status =
          b -> {
            try {
              return http.send(
                      b.timeout(Duration.ofSeconds(10)).build(),
                      java.net.http.HttpResponse.BodyHandlers.discarding())
                  .statusCode();
            } catch (java.io.IOException | InterruptedException x) {
              throw new AssertionError(x);
            }
          };
      assertEquals(
          200, status.apply(java.net.http.HttpRequest.newBuilder(base.resolve("/metrics"))));
      assertEquals(404, status.apply(java.net.http.HttpRequest.newBuilder(base.resolve("/nope"))));
      assertEquals(
          405,
          status.apply(
              java.net.http.HttpRequest.newBuilder(base.resolve("/metrics"))
                  .POST(java.net.http.HttpRequest.BodyPublishers.noBody())));
    }
  }

  @Test
  void shouldWriteTheTextfileAtomicallyAndOnlyAsProm() throws Exception {
    OutcomeLog log = new OutcomeLog(dir.resolve("outcomes.jsonl"));
    sample().forEach(log::append);
    ChaosExporter e =
        new ChaosExporter(log.file(), null, new Fixtures.MutableClock(Instant.ofEpochMilli(T)));
    Path f = dir.resolve("textfile/augur_chaos.prom");
    e.writeTextfile(f);
    assertEquals(e.scrape(), Files.readString(f));
    try (var s = Files.list(f.getParent())) {
      assertEquals(List.of(f), s.toList(), "no temporary file left");
    }
    IllegalArgumentException x =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> e.writeTextfile(dir.resolve("metrics.txt")));
    assertTrue(x.getMessage().contains(".prom"), x.getMessage());
  }
}
