package io.augur.chaos.metrics;

import static io.augur.domain.ExperimentOutcome.Status.ABORTED;
import static io.augur.domain.ExperimentOutcome.Status.FAILED;
import static io.augur.domain.ExperimentOutcome.Status.PASSED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.augur.chaos.loop.OutcomeLog;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real Prometheus scrapes the exporter, and PromQL sees the success rate of the outcome log. */
class ChaosExporterIT {
  @TempDir Path dir;

  @Test
  void shouldLetPrometheusQueryTheSuccessRateOfAServiceFromTheOutcomeLog() throws Exception {
    OutcomeLog log = new OutcomeLog(dir.resolve("outcomes.jsonl"));
    long now = System.currentTimeMillis();
    log.append(ChaosMetricsTest.outcome("x/x-0:8080", "pod-kill", PASSED, now - 30_000));
    log.append(ChaosMetricsTest.outcome("x/x-1:8080", "latency-injection", FAILED, now - 20_000));
    log.append(ChaosMetricsTest.outcome("x/x-0:8080", "pod-kill", PASSED, now - 10_000));
    log.append(ChaosMetricsTest.outcome("y/y-0:8080", "cpu-spike", ABORTED, now - 10_000));
    Files.createDirectories(dir.resolve("prom"));
    try (ChaosExporter exporter = new ChaosExporter(log.file(), null, Clock.systemUTC())) {
      InetSocketAddress at = exporter.start("127.0.0.1", 0);
      String config =
          "global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: augur-chaos\n    static_configs:\n"
              + "      - targets: ['127.0.0.1:"
              + at.getPort()
              + "']\n";
      try (PrometheusServer prom = PrometheusServer.start(dir.resolve("prom"), config)) {
        String q = "augur_chaos_experiment_success_rate{service=\"x\"}";
        OptionalDouble v = prom.awaitValue(q, x -> true, Duration.ofSeconds(30));
        assertEquals(
            2.0 / 3.0,
            v.orElseThrow(() -> new AssertionError("never scraped: " + log(prom))),
            1e-12);
        assertEquals(
            OptionalDouble.of(2.0),
            prom.client()
                .query(
                    "augur_chaos_experiments_total{service=\"x\",type=\"pod-kill\",result=\"passed\"}"));
        assertEquals(OptionalDouble.of(1.0), prom.client().query("up{job=\"augur-chaos\"}"));

        log.append(
            ChaosMetricsTest.outcome(
                "x/x-1:8080", "pod-kill", PASSED, now)); // the next scrape re-reads the log
        v = prom.awaitValue(q, x -> Math.abs(x - 0.75) < 1e-12, Duration.ofSeconds(30));
        assertEquals(0.75, v.orElseThrow(), 1e-12);
      }
    }
  }

  private static String log(PrometheusServer p) {
    try {
      return p.log();
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }
}
