package io.augur.job.alertmanager;

import static io.augur.job.alertmanager.Alerts.firing;
import static io.augur.job.alertmanager.Alerts.resolved;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.augur.domain.Backoff;
import io.augur.domain.FailureAlert;
import io.augur.domain.Severity;
import io.augur.job.prometheus.HttpSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Alerts into Debian's Alertmanager (an HA pair of two), read back through its API and a webhook.
 */
class AlertmanagerSinkITCase {
  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  private static TreeSet<String> activeComponents(AlertmanagerProcess am) throws Exception {
    TreeSet<String> out = new TreeSet<>();
    for (JsonNode a : new ObjectMapper().readTree(am.alerts())) {
      out.add(
          a.path("labels").path("component").asText()
              + " "
              + a.path("labels").path("severity").asText());
    }
    return out;
  }

  private static void await(String what, BooleanSupplier cond) throws InterruptedException {
    await(() -> what, cond);
  }

  private static void await(Supplier<String> what, BooleanSupplier cond)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!cond.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what.get());
      }
      Thread.sleep(50);
    }
  }

  @Test
  void shouldDeliverAlertsFromAFlinkJobToBothAlertmanagersAndTheirWebhooks() throws Exception {
    try (WebhookReceiver hook = new WebhookReceiver();
        AlertmanagerProcess am0 = new AlertmanagerProcess(hook.url());
        AlertmanagerProcess am1 = new AlertmanagerProcess(hook.url())) {
      long now = System.currentTimeMillis();
      List<FailureAlert> alerts =
          List.of(
              firing("checkout/c-0:8080", Severity.MEDIUM, now - 60_000),
              firing("cart/c-1:8080", Severity.HIGH, now - 30_000),
              firing("db/d-0:5432", Severity.MEDIUM, now - 20_000),
              resolved("db/d-0:5432", Severity.MEDIUM, now - 20_000, now - 1_000));
      StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
      env.setParallelism(1);
      env.fromData(alerts, TypeInformation.of(FailureAlert.class))
          .sinkTo(
              new AlertmanagerSink(
                  AlertmanagerSinkConfig.of(List.of(am0.url(), am1.url()), "http://augur:8081/")));
      env.execute("alerts to alertmanager");
      TreeSet<String> expected =
          new TreeSet<>(List.of("cart/c-1:8080 high", "checkout/c-0:8080 medium"));
      assertEquals(
          expected,
          activeComponents(am0),
          "am-0 holds the active alerts; the resolved one is not active");
      assertEquals(expected, activeComponents(am1), "am-1 too (HA pair)");
      JsonNode first = new ObjectMapper().readTree(am0.alerts()).get(0);
      assertEquals("AugurPredictedFailure", first.path("labels").path("alertname").asText());
      for (String k :
          List.of(
              "summary",
              "description",
              "probability",
              "predicted_failure_time",
              "recommended_actions",
              "top_features")) {
        assertTrue(
            first.path("annotations").has(k),
            "annotation " + k + " in " + first.path("annotations"));
      }
      assertTrue(
          first.path("generatorURL").asText().startsWith("http://augur:8081/?component="),
          first.path("generatorURL").asText());
      // each Alertmanager notifies the webhook of the two firing alerts
      await(
          "4 firing notifications",
          () -> hook.received.stream().filter(s -> s.startsWith("firing")).count() >= 4);
      // the alert that fired and then resolved is notified as resolved (send_resolved: true)
      await("the resolution notified", () -> hook.received.contains("resolved db/d-0:5432 medium"));
    }
  }

  @Test
  void shouldDeliverEveryAlertAfterAnAlertmanagerOutage() throws Exception {
    try (WebhookReceiver hook = new WebhookReceiver();
        AlertmanagerProcess am = new AlertmanagerProcess(hook.url())) {
      AlertmanagerClient client =
          new AlertmanagerClient(
              am.url(),
              HttpSettings.defaults().withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2)));
      AlertDispatcher d =
          new AlertDispatcher(
              AlertLifecycle.defaults(""),
              List.of(am.url()),
              List.of(client::post),
              Backoff.of(Duration.ofMillis(200), Duration.ofSeconds(2)),
              RandomGenerator.of("L64X128MixRandom"));
      long t0 = System.currentTimeMillis();
      d.offer(firing("before/b:1", Severity.MEDIUM, t0), t0);
      assertEquals(0, d.dispatch(t0));
      await("the first alert notified", () -> hook.received.contains("firing before/b:1 medium"));
      // Alertmanager notifies a resolution only for an alert its notification log says it notified
      // as firing, and it
      // writes that log entry after the webhook has answered. Stopping it in between loses the
      // entry, and the
      // resolution below would never be sent. Its group flushes again every group_interval, and
      // that flush queries
      // the log (alertmanager_nflog_queries_total) only after the first flush, with its log entry,
      // has finished.
      await(
          "Alertmanager's second flush of the group, after the first was logged",
          () -> {
            try {
              return am.metric("alertmanager_nflog_queries_total") >= 2;
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          });

      am.stop(); // graceful: Alertmanager snapshots its notification log to its storage path on
      // the way down
      List<String> fired = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        long t = System.currentTimeMillis();
        String c = "during/d-" + i + ":1";
        fired.add("firing " + c + " high");
        d.offer(firing(c, Severity.HIGH, t), t);
        d.dispatch(t);
        Thread.sleep(300); // the outage lasts while these arrive
      }
      d.offer(
          resolved("before/b:1", Severity.MEDIUM, t0, System.currentTimeMillis()),
          System.currentTimeMillis());
      assertTrue(d.failedPosts(0) >= 2, "posts failed during the outage: " + d.failedPosts(0));

      am.start(); // same port, its storage kept
      List<String> expected = new ArrayList<>(fired);
      expected.add("resolved before/b:1 medium");
      await(
          () ->
              "every alert delivered after the restart; the webhook has "
                  + hook.received
                  + ", missing "
                  + expected.stream().filter(s -> !hook.received.contains(s)).toList(),
          () -> {
            try {
              d.dispatch(System.currentTimeMillis());
            } catch (InterruptedException e) {
              throw new IllegalStateException(e);
            }
            return hook.received.containsAll(expected);
          });
      TreeSet<String> active = activeComponents(am);
      assertEquals(5, active.size(), active.toString());
      assertTrue(active.stream().allMatch(s -> s.startsWith("during/")), active.toString());
    }
  }
}
