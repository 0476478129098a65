package io.augur.chaos.adaptive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EffectivenessTableTest {
  @TempDir Path dir;

  private static Attempt a(String type, String strategy, boolean ok, Long ms) {
    return new Attempt("f", type, "api", "standard", strategy, "local", ok, ms, 0, "");
  }

  @Test
  void shouldReportTriesRateCredibleIntervalAndMedianFromAHandBuiltLog() throws Exception {
    EffectivenessLog log = new EffectivenessLog(dir.resolve("eff.jsonl"));
    // restart on process-crash: 8 of 10 succeed, times 100..800 ms
    for (int i = 1; i <= 8; i++) {
      log.append(a("process-crash", "restart", true, 100L * i));
    }
    log.append(a("process-crash", "restart", false, null));
    log.append(a("process-crash", "restart", false, null));
    log.append(a("process-crash", "failover", true, 300L));
    Files.writeString(
        log.file(), "{\"torn", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    log.append(a("overload", "shed-load", false, null));
    EffectivenessLog.Contents c = log.read();
    assertEquals(List.of(12), c.skippedLines());
    List<EffectivenessTable.Row> rows = EffectivenessTable.of(c.attempts());
    assertEquals(3, rows.size());
    EffectivenessTable.Row restart =
        rows.stream().filter(r -> r.strategy().equals("restart")).findFirst().orElseThrow();
    assertEquals(10, restart.tries());
    assertEquals(8, restart.successes());
    assertEquals(0.8, restart.successRate(), 1e-12);
    // Beta(9, 3): 2.5% quantile 0.4822, 97.5% quantile 0.9398 (scipy.stats.beta.ppf)
    assertEquals(0.4822, restart.rateLow(), 5e-4);
    assertEquals(0.9398, restart.rateHigh(), 5e-4);
    assertEquals(450L, restart.medianMs()); // median of 100..800
    // n = 8: [X(1), X(8)] covers the median with 1 - 2/256 = 99.2%; [X(2), X(7)] only 93%
    assertEquals(100L, restart.medianLowMs());
    assertEquals(800L, restart.medianHighMs());
    EffectivenessTable.Row failover =
        rows.stream().filter(r -> r.strategy().equals("failover")).findFirst().orElseThrow();
    assertEquals(300L, failover.medianMs());
    assertNull(failover.medianLowMs(), "one time gives no interval");
    // Beta(2, 1): quantiles sqrt(0.025) and sqrt(0.975)
    assertEquals(Math.sqrt(0.025), failover.rateLow(), 1e-6);
    assertEquals(Math.sqrt(0.975), failover.rateHigh(), 1e-6);
    String text = EffectivenessTable.format(rows);
    assertTrue(
        text.contains(
            "process-crash        restart       10     80.0% [48.2%,  94.0%]     0.45s [0.10s, 0.80s]"),
        text);
    assertTrue(
        text.indexOf("failover") < text.indexOf("restart"),
        "best rate first within a type:\n" + text);
  }
}
