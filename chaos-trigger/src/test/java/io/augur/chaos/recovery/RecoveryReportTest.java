package io.augur.chaos.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RecoveryReportTest {
  private static RecoveryResult result(Long measured, boolean held) {
    StepResult step =
        new StepResult(
            "standby | serves",
            "recovery",
            "GET http://x/ -> 200",
            2000,
            held,
            1_000L,
            held ? 1_000L : null,
            held ? measured : null,
            12,
            "HTTP 200 \"standby\"",
            held ? "HTTP 200 \"standby\"" : null);
    return new RecoveryResult(
        "primary-failover",
        "recovery-primary-failover-1",
        "orders",
        "pod-kill",
        "orders-primary",
        held && measured <= 5000 ? RecoveryResult.Status.PASSED : RecoveryResult.Status.VIOLATED,
        5000,
        held ? measured : null,
        "injection",
        500L,
        9_000L,
        9_500L,
        true,
        List.of(),
        List.of(step),
        held && measured <= 5000
            ? List.of()
            : List.of("recovery took " + measured + "ms, expected at most 5000ms"),
        List.of());
  }

  @Test
  void shouldWriteAMarkdownTableWithEachStepsTimeAndVerdict() {
    String md = RecoveryReport.markdown(result(7250L, true));
    assertTrue(md.startsWith("# Recovery test primary-failover: VIOLATED\n"), md);
    assertTrue(md.contains("| Expected recovery | ≤ 5.0s (from injection) |"), md);
    assertTrue(md.contains("| Measured recovery | 7.3s |"), md);
    assertTrue(
        md.contains(
            "| standby \\| serves | GET http://x/ -> 200 | 2.0s | yes | 7.3s | 12 | HTTP 200 \"standby\" |"),
        md);
    assertTrue(md.contains("## Verdict\n\n- recovery took 7250ms, expected at most 5000ms\n"), md);
  }

  @Test
  void shouldExportTheWholeWindowAsTheRecoveryTimeOfARecoveryThatNeverHappened() {
    String text = RecoveryReport.prometheus(result(null, false), 20_000);
    assertTrue(
        text.contains("augur_recovery_seconds{test=\"primary-failover\",service=\"orders\"} 20\n"),
        text);
    assertTrue(
        text.contains("augur_recovery_recovered{test=\"primary-failover\",service=\"orders\"} 0\n"),
        text);
    assertTrue(!text.contains("augur_recovery_step_seconds{"), text);
    String ok = RecoveryReport.prometheus(result(1250L, true), 20_000);
    assertTrue(
        ok.contains("augur_recovery_seconds{test=\"primary-failover\",service=\"orders\"} 1.25\n"),
        ok);
    assertTrue(
        ok.contains(
            "augur_recovery_step_seconds{test=\"primary-failover\",service=\"orders\",step=\"standby | serves\"} 1.25\n"),
        ok);
  }

  @Test
  void shouldWriteTextThatPromtoolAccepts() throws Exception {
    Path promtool = Path.of("/usr/bin/promtool");
    assumeTrue(Files.isExecutable(promtool), "promtool missing at " + promtool);
    Process p =
        new ProcessBuilder(promtool.toString(), "check", "metrics")
            .redirectErrorStream(true)
            .start();
    p.getOutputStream()
        .write(
            RecoveryReport.prometheus(result(1250L, true), 20_000)
                .getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(20, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
  }
}
