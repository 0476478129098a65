package io.augur.job.alertmanager;

import static io.augur.job.alertmanager.Alerts.firing;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.domain.Backoff;
import io.augur.domain.FailureAlert;
import io.augur.domain.Severity;
import io.augur.job.prometheus.HttpSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerts that could not be delivered while Alertmanager was down survive a job stop and restore in
 * the sink's checkpointed writer state, and arrive once it is up.
 */
class AlertmanagerSinkRestoreITCase {
  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(1)
              .build());

  /** 1: the first run's alerts (Alertmanager down); 2: the second run's, for another component. */
  static final AtomicInteger PHASE = new AtomicInteger(1);

  static final AtomicInteger GENERATED = new AtomicInteger();

  private static FailureAlert next(long index) {
    GENERATED.incrementAndGet();
    long now = System.currentTimeMillis();
    return PHASE.get() == 1
        ? firing("down/d-" + (index % 3) + ":1", Severity.HIGH, now)
        : firing("up/u-0:1", Severity.MEDIUM, now);
  }

  private static StreamExecutionEnvironment env(String amUrl, Configuration conf) {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(1);
    env.enableCheckpointing(200);
    AlertmanagerSinkConfig c =
        AlertmanagerSinkConfig.of(List.of(amUrl), "")
            .withTiming(
                Duration.ofMinutes(1),
                Duration.ofMinutes(4),
                Duration.ofMillis(100),
                Backoff.of(Duration.ofMillis(100), Duration.ofMillis(500)));
    c =
        new AlertmanagerSinkConfig(
            c.urls(),
            HttpSettings.defaults().withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2)),
            c.backoff(),
            c.resendInterval(),
            c.validFor(),
            c.resolvedRetention(),
            c.maxAlerts(),
            c.tickInterval(),
            c.generatorUrl());
    env.fromSource(
            new DataGeneratorSource<>(
                AlertmanagerSinkRestoreITCase::next,
                Long.MAX_VALUE,
                RateLimiterStrategy.perSecond(10),
                TypeInformation.of(FailureAlert.class)),
            WatermarkStrategy.noWatermarks(),
            "alerts")
        .uid("alerts")
        .sinkTo(new AlertmanagerSink(c))
        .uid("alertmanager");
    return env;
  }

  private static void await(String what, BooleanSupplier cond) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!cond.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(50);
    }
  }

  @Test
  void shouldDeliverAlertsBufferedDuringAnOutageAfterTheJobIsRestored(@TempDir Path dir)
      throws Exception {
    try (WebhookReceiver hook = new WebhookReceiver();
        AlertmanagerProcess am = new AlertmanagerProcess(hook.url())) {
      am.stop(); // the outage: the sink cannot reach it during run 1
      JobClient run1 = env(am.url(), new Configuration()).executeAsync("alerts during outage");
      await("run 1 produced its alerts", () -> GENERATED.get() >= 6);
      String savepoint =
          run1.stopWithSavepoint(false, dir.toUri().toString(), SavepointFormatType.CANONICAL)
              .get(60, TimeUnit.SECONDS);

      am.start();
      PHASE.set(2);
      Configuration conf = new Configuration();
      conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
      JobClient run2 = env(am.url(), conf).executeAsync("alerts after restore");
      try {
        await(
            "every alert of run 1 and run 2 notified",
            () ->
                hook.received.containsAll(
                    List.of(
                        "firing down/d-0:1 high",
                        "firing down/d-1:1 high",
                        "firing down/d-2:1 high",
                        "firing up/u-0:1 medium")));
        String active = am.alerts();
        assertTrue(
            active.contains("down/d-0:1")
                && active.contains("down/d-2:1")
                && active.contains("up/u-0:1"),
            active);
      } finally {
        run2.cancel().get(30, TimeUnit.SECONDS);
      }
    }
  }
}
