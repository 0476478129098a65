package io.augur.chaos.planfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.augur.chaos.TestPlans;
import io.augur.chaos.catalogue.ExperimentType;
import io.augur.chaos.experiment.PlannedExperiment;
import io.augur.domain.ExperimentPlan;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The job's chaos-targets topic on a real in-test Kafka broker (KRaft, combined mode): plans are
 * read with read_committed (an aborted transaction's plan never shows), bad records are reported
 * with offset and reason and skipped, and the consumer group's offsets let a second run take the
 * plans the first one left.
 */
@org.junit.jupiter.api.Tag("slow") // ~20 s, most of it starting the broker
class KafkaPlanSourceITCase {
  static KafkaClusterTestKit kafka;

  @BeforeAll
  static void startKafka() throws Exception {
    kafka =
        new KafkaClusterTestKit.Builder(
                new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build())
            .setConfigProp("transaction.state.log.replication.factor", "1")
            .setConfigProp("transaction.state.log.min.isr", "1")
            .setConfigProp("offsets.topic.replication.factor", "1")
            .setConfigProp("group.initial.rebalance.delay.ms", "0")
            .build();
    kafka.format();
    kafka.startup();
    kafka.waitForReadyBrokers();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic("chaos-targets", 1, (short) 1))).all().get();
    }
  }

  @AfterAll
  static void stopKafka() throws Exception {
    if (kafka != null) {
      kafka.close();
    }
  }

  private static ProducerRecord<byte[], byte[]> record(String key, String value) {
    return record("chaos-targets", key, value);
  }

  private static ProducerRecord<byte[], byte[]> record(String topic, String key, String value) {
    return new ProducerRecord<>(
        topic,
        key == null ? null : key.getBytes(StandardCharsets.UTF_8),
        value == null ? null : value.getBytes(StandardCharsets.UTF_8));
  }

  private static String json(ExperimentPlan p) throws Exception {
    return new ObjectMapper().writeValueAsString(p); // as the job's JsonRecordSerializer writes it
  }

  @Test
  void shouldTakeCommittedPlansReportBadRecordsAndResumeFromTheGroupsOffsets() throws Exception {
    PlannedExperiment kill = TestPlans.approved(ExperimentType.POD_KILL).planned();
    PlannedExperiment latency = TestPlans.approved(ExperimentType.LATENCY_INJECTION).planned();
    PlannedExperiment cpu = TestPlans.approved(ExperimentType.CPU_SPIKE).planned();
    PlannedExperiment aborted = TestPlans.approved(ExperimentType.MEMORY_STRESS).planned();
    Map<String, String> noSystemPods = new HashMap<>(latency.plan().evidence());
    noSystemPods.remove("systemPods");
    ExperimentPlan unsafe = PlanFileTest.withEvidence(latency.plan(), noSystemPods);
    Map<String, Object> cfg =
        Map.of("bootstrap.servers", kafka.bootstrapServers(), "transactional.id", "job-chaos-0");
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(cfg, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(record(kill.plan().id(), json(kill.plan()))); // offset 0
      producer.send(record("x", "{not json")); // 1
      producer.send(record(unsafe.id(), json(unsafe))); // 2
      producer.send(record(latency.plan().id(), json(latency.plan()))); // 3
      producer.send(record("someone-else", json(cpu.plan()))); // 4
      producer.commitTransaction();
      producer.beginTransaction();
      producer.send(record(aborted.plan().id(), json(aborted.plan())));
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(record(cpu.plan().id(), json(cpu.plan())));
      producer.commitTransaction();
    }

    KafkaPlanSource.Batch first;
    try (KafkaPlanSource source =
        new KafkaPlanSource(
            kafka.bootstrapServers(), "chaos-targets", "augur-run", new Properties())) {
      first = source.poll(2, Duration.ofSeconds(30));
    }
    assertEquals(List.of(kill, latency), first.plans());
    assertEquals(
        List.of(1L, 2L),
        first.malformed().stream().map(KafkaPlanSource.Malformed::offset).toList());
    assertTrue(
        first.malformed().get(0).reason().contains("not an ExperimentPlan"),
        first.malformed().toString());
    assertTrue(
        first.malformed().get(1).reason().contains("evidence.systemPods is missing"),
        first.malformed().toString());

    KafkaPlanSource.Batch second;
    try (KafkaPlanSource source =
        new KafkaPlanSource(
            kafka.bootstrapServers(), "chaos-targets", "augur-run", new Properties())) {
      second = source.poll(10, Duration.ofSeconds(30));
    }
    assertEquals(List.of(cpu), second.plans(), "the rest, without the aborted transaction's plan");
    assertEquals(1, second.malformed().size(), second.malformed().toString());
    assertEquals(4L, second.malformed().get(0).offset());
    assertTrue(
        second.malformed().get(0).reason().contains("key \"someone-else\""),
        second.malformed().toString());

    try (KafkaPlanSource source =
        new KafkaPlanSource(
            kafka.bootstrapServers(), "chaos-targets", "augur-run", new Properties())) {
      long t0 = System.nanoTime();
      KafkaPlanSource.Batch none = source.poll(10, Duration.ofSeconds(30));
      assertEquals(List.of(), none.plans());
      assertTrue(
          System.nanoTime() - t0 < Duration.ofSeconds(20).toNanos(),
          "returns once the topic is read, not at the deadline");
    }
  }

  @Test
  void shouldRunWhatTheCliTakesFromTheTopicThroughEveryGate(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic("cli-targets", 1, (short) 1))).all().get();
    }
    PlannedExperiment kill = TestPlans.approved(ExperimentType.POD_KILL).planned();
    // one pod and two downstream of a hundred: 0.03 of the system, above 0.02, so a person must
    // approve
    PlannedExperiment base =
        io.augur.chaos.cli.RunFixtures.plan(
            "augur-cpu-spike-cart-1",
            ExperimentType.CPU_SPIKE,
            "cart",
            30,
            Map.of(
                "app",
                "cart",
                "targetPods",
                "2",
                "systemPods",
                "100",
                "rollout",
                "one pod",
                "affectedComponents",
                "2"));
    PlannedExperiment needsPerson =
        new PlannedExperiment(base.plan(), base.type(), base.selection(), base.rollout(), 2);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", kafka.bootstrapServers()),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  "cli-targets",
                  "junk".getBytes(StandardCharsets.UTF_8),
                  "[1, 2]".getBytes(StandardCharsets.UTF_8)))
          .get();
      producer.send(record("cli-targets", kill.plan().id(), json(kill.plan()))).get();
      producer.send(record("cli-targets", needsPerson.plan().id(), json(needsPerson.plan()))).get();
    }
    java.nio.file.Path metrics = io.augur.chaos.cli.RunFixtures.healthyMetrics(dir);
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    picocli.CommandLine cmd = new picocli.CommandLine(new io.augur.chaos.cli.ChaosCommand());
    cmd.setOut(new java.io.PrintWriter(out, true));
    cmd.setErr(new java.io.PrintWriter(err, true));
    int code =
        cmd.execute(
            "run",
            "--from-kafka",
            kafka.bootstrapServers(),
            "--topic",
            "cli-targets",
            "--group",
            "cli",
            "--poll-timeout",
            "30s",
            "--executor",
            "local",
            "--apply",
            "--targets",
            java.nio.file.Files.writeString(dir.resolve("t.yaml"), "targets: []\n").toString(),
            "--metrics-file",
            metrics.toString(),
            "--allow-namespace",
            "prod",
            "--allow-namespace",
            io.augur.chaos.cli.RunFixtures.NAMESPACE,
            "--critical-window",
            "any",
            "--queue",
            dir.resolve("queue").toString(),
            "--journal",
            dir.resolve("journal").toString(),
            "--outcomes",
            dir.resolve("outcomes.jsonl").toString(),
            "--fail-on-violation");
    assertEquals(1, code, out + "\n" + err);
    assertTrue(
        err.toString()
            .contains(
                "skipped cli-targets partition 0 offset 0: record value: not an ExperimentPlan: "
                    + "the document: expected a map"),
        err.toString());
    assertTrue(out.toString().contains("took 2 plan(s) from cli-targets"), out.toString());
    // planned under a looser policy (blast up to 0.3); this run's gates hold it to the 5% cap,
    // before anything
    assertTrue(out.toString().contains("REFUSED  " + kill.plan().id()), out.toString());
    assertTrue(out.toString().contains("blast radius 0.2174 > limit 0.0500"), out.toString());
    assertTrue(
        !java.nio.file.Files.exists(dir.resolve("outcomes.jsonl")),
        "nothing ran, nothing recorded");
    // the plan that needs a person was taken from the topic once: it waits in the queue instead
    assertTrue(
        out.toString().contains(needsPerson.plan().id() + "  queued for approval"), out.toString());
    assertEquals(
        List.of(needsPerson.plan().id()),
        new io.augur.chaos.approval.ApprovalQueue(
                dir.resolve("queue"),
                io.augur.chaos.approval.Approvers.none(),
                java.time.Duration.ofHours(1),
                java.time.Clock.systemUTC())
            .pending().stream().map(io.augur.chaos.approval.Waiting::planId).toList());
  }
}
