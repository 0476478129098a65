package io.augur.job.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.domain.Backoff;
import io.augur.domain.DeadLetter;
import io.augur.domain.MetricSample;
import io.augur.job.AugurJob;
import io.augur.job.sources.IngestInputs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The job's Prometheus input against a misbehaving server: bad answers become dead letters, the job
 * goes on.
 */
class IngestInputsITCase {
  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(1)
              .build());

  @Test
  void shouldSplitSamplesFromDeadLettersAndSurviveServerErrors() throws Exception {
    // window 1: a 500 (read again later), then a series with a NaN; window 2: a 400 (skipped);
    // window 3: fine
    try (FakeReadServer s =
        new FakeReadServer(
            (ex, n) -> {
              switch (n) {
                case 1 ->
                    FakeReadServer.respond(
                        ex, 500, "text/plain", "boom".getBytes(StandardCharsets.UTF_8));
                case 2 ->
                    FakeReadServer.samples(
                        ex,
                        List.of(
                            new RemoteSeries(
                                Map.of("__name__", "up", "job", "a"),
                                new long[] {1000, 2000, 3000},
                                new double[] {1, Double.NaN, 1})));
                case 3 ->
                    FakeReadServer.respond(
                        ex, 400, "text/plain", "bad query".getBytes(StandardCharsets.UTF_8));
                default ->
                    FakeReadServer.samples(
                        ex,
                        List.of(
                            new RemoteSeries(
                                Map.of("__name__", "up", "job", "a"),
                                new long[] {25_000},
                                new double[] {1})));
              }
            })) {
      HttpSettings http =
          HttpSettings.defaults().withRetries(1, Backoff.of(Duration.ZERO, Duration.ZERO));
      RemoteReadSourceConfig c =
          new RemoteReadSourceConfig(
              s.url(),
              http,
              false,
              List.of(List.of(LabelMatcher.eq("job", "a"))),
              0,
              29_999,
              Duration.ofSeconds(10),
              Duration.ZERO,
              Duration.ofMillis(50),
              Duration.ofMillis(100),
              WallClock.SYSTEM);
      StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
      env.setParallelism(1);
      AugurJob.Inputs in = IngestInputs.prometheus(c).open(env);
      QueueSink<MetricSample> samples = new QueueSink<>("inputs-samples");
      QueueSink<DeadLetter> dead = new QueueSink<>("inputs-dead");
      in.samples().sinkTo(samples);
      in.deadLetters().sinkTo(dead);
      env.execute("prometheus input");
      assertEquals(
          List.of(1000L, 3000L, 25_000L),
          samples.queue().stream().map(MetricSample::timestampMs).toList());
      List<String> reasons = dead.queue().stream().map(DeadLetter::message).toList();
      assertEquals(3, reasons.size(), reasons.toString());
      assertTrue(
          reasons.get(0).contains("SERVER_ERROR") && reasons.get(0).contains("read again"),
          reasons.get(0));
      assertTrue(reasons.get(1).contains("finite"), reasons.get(1));
      assertTrue(
          reasons.get(2).contains("CLIENT_ERROR") && reasons.get(2).contains("skipped"),
          reasons.get(2));
    }
  }
}
