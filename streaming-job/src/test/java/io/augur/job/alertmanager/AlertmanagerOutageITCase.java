package io.augur.job.alertmanager;

import static io.augur.job.alertmanager.Alerts.firing;
import static io.augur.job.alertmanager.Alerts.resolved;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.augur.domain.FailureAlert;
import io.augur.domain.Severity;
import io.augur.job.types.Types;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Both Alertmanagers of an HA pair (Debian's {@code prometheus-alertmanager}, two real processes on
 * 127.0.0.1) go down while alerts fire and resolve; the {@link AlertmanagerSink} runs in a Flink
 * MiniCluster job (not the multi-process cluster: that is cluster-tests' part). Once both are back
 * (same ports, same storage), each holds exactly the alerts that are active, each has notified the
 * resolutions of the alerts it had notified as firing, and the sink dropped nothing from its
 * buffer.
 *
 * <p>The outage lasts {@code augur.it.alertmanagerOutageSeconds} (default 65 s: longer than the
 * sink's 30 s maximum backoff, so the retries reach their cap). Issue 19's long version, 10 minutes
 * of wall time: {@code -Daugur.it.alertmanagerOutageSeconds=600}.
 */
class AlertmanagerOutageITCase {
  static final InMemoryReporter METRICS = InMemoryReporter.create();

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setConfiguration(METRICS.addToConfiguration(new Configuration()))
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  /** What the test hands the job's source, in order. */
  static final LinkedBlockingQueue<FailureAlert> INPUT = new LinkedBlockingQueue<>();

  /**
   * Blocks (in its own task, not chained to the sink) until the test offers the next alert; the
   * job's cancellation interrupts it.
   */
  static final class FromQueue implements GeneratorFunction<Long, FailureAlert> {
    @Override
    public FailureAlert map(Long index) throws Exception {
      return INPUT.take();
    }
  }

  private static TreeSet<String> active(AlertmanagerProcess am) throws Exception {
    TreeSet<String> out = new TreeSet<>();
    for (JsonNode a : new ObjectMapper().readTree(am.alerts())) {
      out.add(
          a.path("labels").path("component").asText()
              + " "
              + a.path("labels").path("severity").asText());
    }
    return out;
  }

  /** Sum of a counter's series whose labels contain {@code labelPart} on GET /metrics. */
  private static double counter(AlertmanagerProcess am, String name, String labelPart)
      throws Exception {
    String body =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(am.url() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    return body.lines()
        .filter(l -> l.startsWith(name + "{") && l.contains(labelPart))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  /** The sum of the job's gauges whose identifier ends with {@code suffix}. */
  private static long gauge(JobID job, String suffix) {
    long sum = 0;
    int found = 0;
    for (var group : METRICS.getMetricsByGroup().entrySet()) {
      if (!job.toString().equals(group.getKey().getAllVariables().get("<job_id>"))) {
        continue;
      }
      for (Map.Entry<String, Metric> e : group.getValue().entrySet()) {
        if (group.getKey().getMetricIdentifier(e.getKey()).endsWith(suffix)
            && e.getValue() instanceof Gauge<?> g) {
          sum += ((Number) g.getValue()).longValue();
          found++;
        }
      }
    }
    if (found == 0) {
      throw new AssertionError("no metric *" + suffix + " registered for job " + job);
    }
    return sum;
  }

  @FunctionalInterface
  interface Check {
    boolean ok() throws Exception;
  }

  @FunctionalInterface
  interface Describe {
    String get() throws Exception;
  }

  private static void await(String what, Duration limit, Check cond, Describe describe)
      throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!cond.ok()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "timed out after " + limit + " waiting for " + what + ": " + describe.get());
      }
      Thread.sleep(100);
    }
  }

  @Test
  void shouldHoldEveryActiveAlertAndEveryResolutionAfterBothAlertmanagersWereDown()
      throws Exception {
    long outageMs = Long.getLong("augur.it.alertmanagerOutageSeconds", 65) * 1000;
    INPUT.clear();
    try (WebhookReceiver hook0 = new WebhookReceiver();
        WebhookReceiver hook1 = new WebhookReceiver();
        AlertmanagerProcess am0 = new AlertmanagerProcess(hook0.url());
        AlertmanagerProcess am1 = new AlertmanagerProcess(hook1.url())) {
      List<AlertmanagerProcess> ams = List.of(am0, am1);
      List<WebhookReceiver> hooks = List.of(hook0, hook1);
      StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
      env.setParallelism(1);
      env.fromSource(
              new DataGeneratorSource<>(new FromQueue(), Long.MAX_VALUE, Types.ALERT),
              WatermarkStrategy.noWatermarks(),
              "alerts from the test")
          .sinkTo(
              new AlertmanagerSink(AlertmanagerSinkConfig.of(List.of(am0.url(), am1.url()), "")))
          .name("alerts sink")
          .disableChaining();
      JobClient job = env.executeAsync("alertmanager outage");
      JobID id = job.getJobID();
      try {
        long t = System.currentTimeMillis();
        // before: A, B and C fire and both Alertmanagers notify them
        INPUT.add(firing("a/a:1", Severity.MEDIUM, t));
        INPUT.add(firing("b/b:1", Severity.MEDIUM, t));
        INPUT.add(firing("c/c:1", Severity.MEDIUM, t));
        TreeSet<String> before =
            new TreeSet<>(List.of("a/a:1 medium", "b/b:1 medium", "c/c:1 medium"));
        for (int i = 0; i < 2; i++) {
          AlertmanagerProcess am = ams.get(i);
          WebhookReceiver hook = hooks.get(i);
          await(
              "am-" + i + " to hold A, B, C",
              Duration.ofSeconds(60),
              () -> active(am).equals(before),
              () -> active(am).toString());
          await(
              "am-" + i + " to notify A, B, C",
              Duration.ofSeconds(30),
              () ->
                  hook.received.containsAll(
                      List.of("firing a/a:1 medium", "firing b/b:1 medium", "firing c/c:1 medium")),
              hook.received::toString);
          // Alertmanager logs a notification after the webhook answered, and only a logged
          // notification gets its resolution notified: wait until every group (one per
          // component) has flushed again after that, as AlertmanagerSinkITCase explains
          await(
              "am-" + i + " to log its notifications",
              Duration.ofSeconds(30),
              () -> am.metric("alertmanager_nflog_queries_total") >= 12,
              () -> "nflog queries " + am.metric("alertmanager_nflog_queries_total"));
        }

        // the outage: both down (gracefully: they keep their notification logs)
        am0.stop();
        am1.stop();
        long down = System.currentTimeMillis();
        System.out.printf("both Alertmanagers down for %d s%n", outageMs / 1000);
        String[][] during = {
          {"fire", "d/d:1", "HIGH"},
          {"resolve", "b/b:1", "MEDIUM"},
          {"fire", "e/e:1", "MEDIUM"},
          {"resolve", "e/e:1", "MEDIUM"},
          {"fire", "c/c:1", "HIGH"}, // severity rises: C medium resolves, C high fires
          {"fire", "f/f:1", "MEDIUM"},
        };
        for (int k = 0; k < during.length; k++) {
          long at = down + outageMs * (k + 1) / (during.length + 2);
          Thread.sleep(Math.max(0, at - System.currentTimeMillis()));
          long now = System.currentTimeMillis();
          String[] ev = during[k];
          Severity sev = Severity.valueOf(ev[2]);
          INPUT.add(ev[0].equals("fire") ? firing(ev[1], sev, now) : resolved(ev[1], sev, t, now));
        }
        Thread.sleep(Math.max(0, down + outageMs - System.currentTimeMillis()));
        for (int i = 0; i < 2; i++) {
          long failed = gauge(id, "alertmanager." + i + ".failedPosts");
          long streak = gauge(id, "alertmanager." + i + ".consecutiveFailures");
          System.out.printf(
              "am-%d during the outage: %d failed posts, %d in a row%n", i, failed, streak);
          assertTrue(streak >= 3, "the sink reports am-" + i + " unreachable: " + streak);
        }
        assertEquals(0, gauge(id, "alertmanagerDroppedAlerts"), "nothing dropped during it");
        assertEquals(4, gauge(id, "alertmanagerActiveAlerts"), "A, C high, D, F buffered");
        assertEquals(
            3, gauge(id, "alertmanagerBufferedResolved"), "B, C medium, E buffered as resolved");

        // back: same ports, same storage (notification logs); the sink retries at most 30 s apart
        long back = System.currentTimeMillis();
        am0.start();
        am1.start();
        TreeSet<String> afterOutage =
            new TreeSet<>(List.of("a/a:1 medium", "c/c:1 high", "d/d:1 high", "f/f:1 medium"));
        for (int i = 0; i < 2; i++) {
          AlertmanagerProcess am = ams.get(i);
          await(
              "am-" + i + " to hold every alert active at the end of the outage",
              Duration.ofSeconds(45),
              () -> active(am).equals(afterOutage),
              () -> active(am).toString());
          System.out.printf(
              "am-%d complete %d ms after it came back%n", i, System.currentTimeMillis() - back);
          // B, C medium and E reached it as resolved (E fired and resolved within the outage)
          assertTrue(
              counter(am, "alertmanager_alerts_received_total", "status=\"resolved\"") >= 3,
              "am-" + i + " received the three resolutions of the outage");
        }
        // after: F resolves, G fires
        long now = System.currentTimeMillis();
        INPUT.add(resolved("f/f:1", Severity.MEDIUM, t, now));
        INPUT.add(firing("g/g:1", Severity.MEDIUM, now));
        TreeSet<String> end =
            new TreeSet<>(List.of("a/a:1 medium", "c/c:1 high", "d/d:1 high", "g/g:1 medium"));
        List<String> notified =
            List.of(
                "resolved b/b:1 medium",
                "resolved c/c:1 medium",
                "firing c/c:1 high",
                "firing d/d:1 high",
                "firing f/f:1 medium",
                "resolved f/f:1 medium",
                "firing g/g:1 medium");
        for (int i = 0; i < 2; i++) {
          AlertmanagerProcess am = ams.get(i);
          WebhookReceiver hook = hooks.get(i);
          await(
              "am-" + i + " to hold A, C high, D, G",
              Duration.ofSeconds(30),
              () -> active(am).equals(end),
              () -> active(am).toString());
          await(
              "am-" + i + "'s webhook to get every notification",
              Duration.ofSeconds(30),
              () -> hook.received.containsAll(notified),
              () ->
                  "missing "
                      + notified.stream().filter(s -> !hook.received.contains(s)).toList()
                      + " in "
                      + hook.received);
          assertFalse(
              hook.received.contains("firing e/e:1 medium"),
              "E was never active in an Alertmanager, so never notified as firing");
          assertEquals(0, gauge(id, "alertmanager." + i + ".consecutiveFailures"));
        }
        assertEquals(0, gauge(id, "alertmanagerDroppedAlerts"), "the buffer dropped nothing");
        assertEquals(10_000, gauge(id, "alertmanagerBufferBound"));
      } finally {
        job.cancel().get(60, TimeUnit.SECONDS);
      }
    }
  }
}
