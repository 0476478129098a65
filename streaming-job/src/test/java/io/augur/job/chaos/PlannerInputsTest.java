package io.augur.job.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.chaos.prom.InMemoryMetricsSource;
import io.augur.chaos.prom.MetricsUnavailableException;
import io.augur.config.AugurOptions;
import io.augur.config.Configuration;
import io.augur.domain.MetricSample;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.runtime.kryo.KryoSerializer;
import org.junit.jupiter.api.Test;

/** What feeds the planner besides predictions: replica counts, health polls, its configuration. */
class PlannerInputsTest {

  @Test
  void shouldReadReplicaCountsFromKubeStateMetricsAndFromAReplicasLabel() {
    assertEquals(
        new ReplicaCount("payments", 5, 7L),
        ReplicaCount.of(
                new MetricSample(
                    "kube_deployment_spec_replicas",
                    Map.of("deployment", "payments", "namespace", "shop"),
                    7L,
                    5.0))
            .orElseThrow());
    assertEquals(
        new ReplicaCount("ledger", 3, 7L),
        ReplicaCount.of(
                new MetricSample(
                    "kube_statefulset_replicas", Map.of("statefulset", "ledger"), 7L, 3.0))
            .orElseThrow());
    assertEquals(
        new ReplicaCount("cart", 2, 7L),
        ReplicaCount.of(
                new MetricSample("cpu_usage", Map.of("job", "cart", "replicas", "2"), 7L, 0.4))
            .orElseThrow());
    assertTrue(
        ReplicaCount.of(new MetricSample("cpu_usage", Map.of("job", "cart"), 7L, 0.4)).isEmpty());
  }

  @Test
  void shouldPollHealthOffThePlannerAndBackOffWhilePrometheusIsDown() {
    InMemoryMetricsSource prom = new InMemoryMetricsSource().set("up_ratio", 0.01);
    AtomicInteger calls = new AtomicInteger();
    AtomicLong now = new AtomicLong(1_000_000);
    HealthPoller poller =
        new HealthPoller(
            q -> {
              calls.incrementAndGet();
              return prom.query(q);
            },
            now::get,
            List.of("up_ratio", "no_series"),
            ChaosTargetSettings.Loop.defaults());
    poller.open(null);
    HealthReading ok = poller.poll();
    assertEquals(Map.of("up_ratio", 0.01), ok.values());
    assertEquals(List.of("no_series"), ok.empty());
    assertEquals(0.01, ok.asSource().query("up_ratio").getAsDouble());
    assertTrue(ok.asSource().query("no_series").isEmpty());
    assertThrows(MetricsUnavailableException.class, () -> ok.asSource().query("never_asked"));

    prom.fail("up_ratio").fail("no_series");
    calls.set(0);
    HealthReading down = poller.poll();
    assertEquals(List.of("up_ratio", "no_series"), down.failed());
    assertEquals(2, calls.get());
    now.addAndGet(5_000); // within the first backoff (7.5-15 s for a 15 s poll interval)
    HealthReading quiet = poller.poll();
    assertEquals(2, calls.get(), "no call while backing off");
    assertEquals(List.of("up_ratio", "no_series"), quiet.failed(), "and health stays unknown");
    now.addAndGet(Duration.ofMinutes(3).toMillis());
    prom.set("up_ratio", 0.0).set("no_series", 0.0);
    assertEquals(List.of(), poller.poll().failed(), "read again once the backoff has passed");
  }

  @Test
  void shouldMapTheChaosSectionOfTheConfigurationOntoTheGatesRankingAndLoop() {
    Configuration c =
        AugurOptions.builder()
            .yaml(
                """
        chaos:
          every: 2m
          maxTargets: 2
          namespaces: [shop]
          maxImpact: 0.04
          approvalAbove: 0.01
          windows: ["MON-FRI 06:00-22:00 UTC"]
          predictedFailureCeiling: 0.95
          defaultReplicas: 3
          healthMaxAge: 90s
          outcomeLog: /var/lib/augur/outcomes.jsonl
          ranking:
            recencyWeight: 2.0
        prometheus:
          url: http://127.0.0.1:9090
        """,
                "test.yaml")
            .build();
    ChaosTargetSettings s = ChaosTargetSettings.from(c);
    assertEquals(Duration.ofMinutes(2), s.every());
    assertEquals(2, s.maxTargets());
    assertEquals("http://127.0.0.1:9090", s.prometheusUrl(), "falls back to prometheus.url");
    assertEquals(0.04, s.gates().maxImpact());
    assertEquals(0.01, s.gates().approvalAbove());
    assertEquals(List.of("MON-FRI 06:00-22:00 UTC"), s.gates().windows());
    assertEquals(0.95, s.gates().predictedFailureCeiling());
    assertEquals(2.0, s.ranking().toConfig().recencyWeight());
    assertEquals(3, s.loop().defaultReplicas());
    assertEquals(Duration.ofSeconds(90), s.loop().healthMaxAge());
    assertEquals("/var/lib/augur/outcomes.jsonl", s.loop().outcomeLog());
    assertEquals(
        0.04,
        s.gates()
            .policy(s.namespaces(), io.augur.chaos.safety.AbortCondition.defaults(), false)
            .blastLimit());
    assertNull(
        ChaosTargetSettings.from(AugurOptions.builder().build()), "no namespaces: no planner");
  }

  @Test
  void shouldRefuseAShareAboveTheHardCapWithoutTheOverride() {
    Configuration c =
        AugurOptions.builder().yaml("chaos: {namespaces: [shop], maxShare: 0.2}", "t.yaml").build();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ChaosTargetSettings.from(c));
    assertTrue(e.getMessage().contains("hard cap"), e.getMessage());
  }

  @Test
  void shouldGiveThePlannersStateAndInputExplicitSerializers() {
    SerializerConfigImpl noGenerics = new SerializerConfigImpl();
    noGenerics.setGenericTypes(false);
    for (TypeInformation<?> t :
        List.of(
            ChaosTargetFunction.INPUT,
            ChaosTargetFunction.OUTCOME,
            ChaosTargetFunction.RUNNING,
            ChaosTargetFunction.REPLICAS,
            ChaosTargetFunction.HEALTH)) {
      assertFalse(
          t.createSerializer(noGenerics) instanceof KryoSerializer, t + " falls back to Kryo");
    }
  }
}
