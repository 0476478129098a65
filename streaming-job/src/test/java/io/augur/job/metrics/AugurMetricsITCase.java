package io.augur.job.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.domain.FailurePrediction;
import io.augur.domain.Severity;
import io.augur.job.prometheus.PrometheusProcess;
import io.augur.job.prometheus.QueueSink;
import io.augur.job.types.Types;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The job's metrics as Prometheus scrapes them from Flink's Prometheus reporter. */
class AugurMetricsITCase {
  static final int PORT = freePort();
  static final CountDownLatch DONE = new CountDownLatch(1);
  static final CountDownLatch RELEASE = new CountDownLatch(1);

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setConfiguration(
                  AugurMetrics.prometheusReporter(new Configuration(), PORT + "-" + (PORT + 3)))
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(1)
              .build());

  static int freePort() {
    try {
      return PrometheusProcess.freePort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reports each prediction as the scoring operator would, then holds the job open for the scrape.
   */
  static final class Report extends RichMapFunction<FailurePrediction, FailurePrediction> {
    private transient AugurMetrics metrics;
    private transient int n;

    @Override
    public void open(OpenContext ctx) {
      metrics = AugurMetrics.register(getRuntimeContext().getMetricGroup(), 3);
      metrics.modelLoaded("v1");
      metrics.modelLoaded("v2");
    }

    @Override
    public FailurePrediction map(FailurePrediction p) throws Exception {
      metrics.sampleIn();
      metrics.prediction(p, 250_000);
      if (p.severity() != Severity.NONE) {
        metrics.alert(p.severity());
      }
      if (++n == 7) {
        metrics.deadLetter("kafka-parse");
        DONE.countDown();
        RELEASE.await(60, TimeUnit.SECONDS);
      }
      return p;
    }
  }

  private static FailurePrediction prediction(String component, double p) {
    return new FailurePrediction(
        component,
        Map.of(),
        1000,
        p,
        Severity.of(p),
        null,
        List.of(),
        "unknown",
        List.of(),
        List.of(),
        Map.of(),
        "v2");
  }

  private static double value(String body, String name, String label) {
    Matcher m =
        Pattern.compile(
                "(?m)^flink_taskmanager_job_task_operator_augur_" + name + "\\{([^}]*)\\} (\\S+)$")
            .matcher(body);
    while (m.find()) {
      if (m.group(1).contains(label)) {
        return Double.parseDouble(m.group(2));
      }
    }
    throw new AssertionError(
        "no "
            + name
            + " with "
            + label
            + " in\n"
            + body.lines().filter(l -> l.contains("augur")).toList());
  }

  @Test
  void shouldExposeTheJobsMetricsToPrometheusWithABoundedGaugePerComponent() throws Exception {
    List<FailurePrediction> in =
        new ArrayList<>(
            List.of(
                prediction("a/a:1", 0.95),
                prediction("b/b:1", 0.75),
                prediction("c/c:1", 0.1),
                prediction("d/d:1", 0.5),
                prediction("e/e:1", 0.5),
                prediction("a/a:1", 0.2),
                prediction("b/b:1", 0.8)));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    env.fromData(in, Types.PREDICTION)
        .map(new Report())
        .returns(Types.PREDICTION)
        .sinkTo(new QueueSink<>("metrics"));
    JobClient job = env.executeAsync("metrics");
    try {
      assertTrue(DONE.await(30, TimeUnit.SECONDS), "the job processed its input");
      String body = "";
      for (int port = PORT; port <= PORT + 3 && !body.contains("augur_"); port++) {
        try {
          body =
              HttpClient.newHttpClient()
                  .send(
                      HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                          .build(),
                      HttpResponse.BodyHandlers.ofString())
                  .body();
        } catch (java.io.IOException e) {
          // not this port
        }
      }
      assertEquals(7, value(body, "samples_in", ""));
      assertEquals(7, value(body, "predictions", ""));
      // the reporter names it augur_component_predicted_failure_probability and turns "/" in label
      // values into "_"
      assertEquals(
          0.2, value(body, "component_predicted_failure_probability", "component=\"a_a:1\""), 1e-9);
      assertEquals(
          0.8, value(body, "component_predicted_failure_probability", "component=\"b_b:1\""), 1e-9);
      assertEquals(
          0.1, value(body, "component_predicted_failure_probability", "component=\"c_c:1\""), 1e-9);
      assertTrue(
          !body.contains("component=\"d_d:1\"") && !body.contains("component=\"e_e:1\""),
          "only 3 component gauges");
      assertEquals(2, value(body, "probability_gauges_refused", ""));
      assertEquals(1, value(body, "severity_alerts", "severity=\"high\""));
      assertEquals(2, value(body, "severity_alerts", "severity=\"medium\""));
      assertEquals(1, value(body, "model_version_model_active", "model_version=\"v2\""));
      assertEquals(0, value(body, "model_version_model_active", "model_version=\"v1\""));
      assertEquals(1, value(body, "stage_dead_letters", "stage=\"kafka_parse\""));
      assertTrue(body.contains("augur_scoring_latency_us"), "latency histogram exported");
    } finally {
      RELEASE.countDown();
      job.getJobExecutionResult().get(60, TimeUnit.SECONDS);
    }
  }
}
