package io.augur.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 19, on a real cluster: the shaded job jar submitted over REST to a JobManager and two
 * TaskManagers (separate JVMs), reading a fixed input from a real Kafka broker (its own JVM) and
 * writing alerts and dead letters exactly once. An undisturbed run gives the reference; then a
 * TaskManager is SIGKILLed mid-stream again and again, the job is stopped with a savepoint and
 * resumed, and the broker is restarted, and each time the alerts topic (read_committed) holds
 * exactly the reference alerts (none lost, none duplicated) and the dead letters are as many as the
 * input's malformed records.
 *
 * <p>Exact comparison: the job runs at parallelism 1 over a one-partition topic, and its watermarks
 * follow the data in-band, so records and watermarks reach every operator in one order and each
 * event-time timer sees the same samples in every run, however the run was disturbed. (At
 * parallelism above 1, a component's timer fires when the slowest input channel's watermark passes,
 * and by then its own later samples may or may not have been folded in.)
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFaultsIT {
  /** Sorts object keys: the job's label and annotation maps have no fixed order across JVMs. */
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private static final String ENTRY = "io.augur.cli.AugurCluster";
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(4);
  static final int COMPONENTS = 12;
  static final int STEPS = 720; // 3 h of event time at 15 s

  static Path dir;
  static LocalKafka kafka;
  static LocalFlinkCluster cluster;
  static String jarId;
  static FleetInput input;
  static List<String> referenceAlerts;
  static int referenceDeadLetters;

  @BeforeAll
  static void clusterAndReference() throws Exception {
    Path jar = Path.of(LocalFlinkCluster.required("augur.jobJar"));
    assertTrue(Files.isRegularFile(jar), "the job jar is missing: " + jar);
    dir =
        Files.createDirectories(
            Path.of(System.getProperty("augur.cluster.workDir", "target/cluster"))
                .resolve(
                    LocalDateTime.now()
                        .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT))));
    long t0 = System.nanoTime();
    kafka = LocalKafka.start(dir.resolve("kafka"));
    cluster = LocalFlinkCluster.start(dir.resolve("flink"), 2, 1);
    long up = System.nanoTime();
    jarId = cluster.uploadJar(jar);
    System.out.printf(
        Locale.ROOT,
        "[cluster] broker + JobManager + 2 TaskManagers up in %.1f s, %d MB jar uploaded in %.1f s (%s)%n",
        (up - t0) / 1e9,
        Files.size(jar) >> 20,
        (System.nanoTime() - up) / 1e9,
        cluster.restUrl());
    input = new FleetInput(COMPONENTS, STEPS);

    Run ref = Run.start("reference", null);
    kafka.produce(ref.in, input.all());
    ref.awaitDone();
    referenceAlerts = alerts(ref.alerts);
    referenceDeadLetters = alerts(ref.dead).size();
    cluster.cancel(ref.jobId);
    System.out.printf(
        Locale.ROOT,
        "[cluster] reference: %d records in, %d alerts, %d dead letters%n",
        input.size(),
        referenceAlerts.size(),
        referenceDeadLetters);
    // the reference itself must be worth comparing against
    assertEquals(input.malformed(), referenceDeadLetters, "one dead letter per malformed record");
    Map<String, List<String>> byComponent = byComponent(referenceAlerts);
    assertEquals(
        COMPONENTS, byComponent.size(), "every component alerted: " + byComponent.keySet());
    assertTrue(
        referenceAlerts.stream().anyMatch(a -> a.contains("\"RESOLVED\""))
            && referenceAlerts.stream().anyMatch(a -> a.contains("\"FIRING\"")),
        "alerts fire and resolve");
  }

  @AfterAll
  static void down() {
    if (cluster != null) {
      cluster.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  /**
   * SIGKILL the TaskManager running the job, mid-stream, {@code augur.cluster.kills} times in a row
   * (a replacement started each time): after every recovery the committed alerts are a prefix of
   * the reference, per component; at the end they are the reference exactly.
   */
  @Test
  @Order(1)
  void shouldLoseAndDuplicateNothingWhenATaskManagerIsKilledRepeatedly() throws Exception {
    int kills = Integer.getInteger("augur.cluster.kills", 3);
    long wall0 = System.nanoTime();
    Run run = Run.start("tm-loss", null);
    List<Double> toRunning = new ArrayList<>();
    List<Double> toOutput = new ArrayList<>();
    List<Double> toAlert = new ArrayList<>();
    // the input takes about 2 s per portion to write: each kill comes while it is being written
    long delay = Math.max(5, 2000L * (kills + 1) / STEPS);
    try (CommittedTail tail = new CommittedTail(kafka.bootstrap(), run.alerts);
        Feeder feeder = new Feeder(kafka.bootstrap(), run.in, input, delay, kills + 1).start()) {
      long progressAt = -1;
      List<Long> killedAt = new ArrayList<>();
      List<Integer> alertsAtKill = new ArrayList<>();
      for (int k = 1; k <= kills; k++) {
        int portionStart = (int) ((long) (k - 1) * STEPS / (kills + 1));
        int portionEnd = (int) ((long) k * STEPS / (kills + 1));
        long since = progressAt;
        // the job has checkpointed new input since the last kill (so it makes progress between
        // kills), and the current portion is half written (so the kill lands mid-stream)
        LocalFlinkCluster.await(
            "progress and half of portion " + k + " written before kill " + k,
            RUN_TIMEOUT,
            () -> {
              feeder.rethrow();
              return kafka.committedOffset(run.group, run.in) > since
                  && feeder.stepsWritten() >= (portionStart + portionEnd) / 2;
            });
        Set<String> hosts = cluster.taskManagersOf(run.jobId);
        assertEquals(1, hosts.size(), "the job's subtasks share one slot: " + hosts);
        String victim = hosts.iterator().next();
        long offsetAtKill = kafka.committedOffset(run.group, run.in);
        alertsAtKill.add(tail.count());
        long killed = System.nanoTime();
        killedAt.add(killed);
        cluster.killTaskManager(victim);
        cluster.startTaskManager();
        feeder.release();
        assertFalse(feeder.done(), "kill " + k + " came mid-stream");
        LocalFlinkCluster.await(
            "the job running again after kill " + k,
            RUN_TIMEOUT,
            () ->
                !cluster.taskManagersOf(run.jobId).contains(victim)
                    && cluster.allRunning(run.jobId));
        toRunning.add((System.nanoTime() - killed) / 1e9);
        // output is committed with the checkpoint that commits the input offsets: the first
        // checkpoint after the restore that moves the group's offset is the first new output
        LocalFlinkCluster.await(
            "a checkpoint committing new input after kill " + k,
            RUN_TIMEOUT,
            () -> kafka.committedOffset(run.group, run.in) > offsetAtKill);
        toOutput.add((System.nanoTime() - killed) / 1e9);
        // the next kill needs no more than this: a quick recovery may have checkpointed the whole
        // released portion already, and the feeder waits for that kill before it writes more
        progressAt = offsetAtKill;
        assertPrefixOfReference(alerts(run.alerts), "after kill " + k);
        System.out.printf(
            Locale.ROOT,
            "[cluster] kill %d/%d of %s: running again in %.1f s, first checkpoint committing new input and output %.1f s after the kill%n",
            k,
            kills,
            victim,
            toRunning.get(k - 1),
            toOutput.get(k - 1));
      }
      feeder.await();
      run.awaitDone();
      // the first alert committed after each kill (later when the input after it had none to give)
      for (int k = 0; k < kills; k++) {
        long at = tail.seenAt(alertsAtKill.get(k));
        if (at > 0) {
          toAlert.add((at - killedAt.get(k)) / 1e9);
        }
      }
    }

    List<String> alerts = alerts(run.alerts);
    int dead = alerts(run.dead).size();
    long restarts = cluster.restarts(run.jobId);
    cluster.cancel(run.jobId);
    System.out.printf(
        Locale.ROOT,
        "[cluster] %d TaskManager kills: restart (kill -> running) median %.1f s max %.1f s;"
            + " kill -> first checkpoint with new output median %.1f s max %.1f s;"
            + " kill -> next committed alert median %.1f s max %.1f s; %d job restarts; wall %.0f s;"
            + " %d alerts, %d dead letters%n",
        kills,
        median(toRunning),
        max(toRunning),
        median(toOutput),
        max(toOutput),
        median(toAlert),
        max(toAlert),
        restarts,
        (System.nanoTime() - wall0) / 1e9,
        alerts.size(),
        dead);
    assertTrue(restarts >= kills, "the job restarted once per kill at least, got " + restarts);
    assertSameAlerts(alerts, "after " + kills + " TaskManager kills");
    assertEquals(referenceDeadLetters, dead, "dead letters unchanged");
  }

  /**
   * Stop with a savepoint mid-stream, resume from it with a changed configuration: the alerts
   * before and after are the reference's, once each.
   */
  @Test
  @Order(2)
  void shouldLoseAndDuplicateNothingAcrossStopWithSavepointAndResume() throws Exception {
    Run v1 = Run.start("upgrade", null);
    String savepoint;
    long stopped;
    try (CommittedTail tail = new CommittedTail(kafka.bootstrap(), v1.alerts);
        Feeder feeder = new Feeder(kafka.bootstrap(), v1.in, input, 5, 2).start()) {
      LocalFlinkCluster.await(
          "output and a quarter of the input before the savepoint",
          RUN_TIMEOUT,
          () -> tail.count() > 0 && feeder.stepsWritten() >= STEPS / 4);
      savepoint = cluster.stopWithSavepoint(v1.jobId, Duration.ofMinutes(2));
      stopped = System.nanoTime();
      assertFalse(feeder.done(), "stopped mid-stream");
      assertPrefixOfReference(alerts(v1.alerts), "at the savepoint");
      int atStop = tail.count();
      Run v2 = v1.resumed(savepoint);
      feeder.release();
      LocalFlinkCluster.await(
          "new alerts from the resumed job", RUN_TIMEOUT, () -> tail.count() > atStop);
      System.out.printf(
          Locale.ROOT,
          "[cluster] savepoint %s: resumed job's first new alert %.1f s after the stop%n",
          savepoint,
          (tail.seenAt(atStop) - stopped) / 1e9);
      feeder.await();
      v2.awaitDone();
      assertSameAlerts(alerts(v1.alerts), "across stop-with-savepoint and resume");
      assertEquals(referenceDeadLetters, alerts(v1.dead).size(), "dead letters");
      cluster.cancel(v2.jobId);
    }
  }

  /** Restart the Kafka broker mid-stream: exactly-once output holds. */
  @Test
  @Order(3)
  void shouldKeepExactlyOnceOutputAcrossABrokerRestart() throws Exception {
    Run run = Run.start("broker-restart", null);
    try (CommittedTail tail = new CommittedTail(kafka.bootstrap(), run.alerts);
        Feeder feeder = new Feeder(kafka.bootstrap(), run.in, input, 5, 2).start()) {
      LocalFlinkCluster.await(
          "output and a quarter of the input before the restart",
          RUN_TIMEOUT,
          () -> tail.count() > 0 && feeder.stepsWritten() >= STEPS / 4);
      int atRestart = tail.count();
      long t0 = System.nanoTime();
      kafka.restart();
      double downFor = (System.nanoTime() - t0) / 1e9;
      assertFalse(feeder.done(), "restarted mid-stream");
      feeder.release();
      LocalFlinkCluster.await(
          "new alerts after the broker restart", RUN_TIMEOUT, () -> tail.count() > atRestart);
      System.out.printf(
          Locale.ROOT,
          "[cluster] broker restart took %.1f s; first new alert %.1f s after it began%n",
          downFor,
          (tail.seenAt(atRestart) - t0) / 1e9);
      feeder.await();
    }
    run.awaitDone();
    assertSameAlerts(alerts(run.alerts), "across a broker restart");
    assertEquals(referenceDeadLetters, alerts(run.dead).size(), "dead letters");
    cluster.cancel(run.jobId);
  }

  /** One job on the cluster with its own topics, group and transactional ids. */
  static final class Run {
    final String name;
    final String in;
    final String alerts;
    final String dead;
    final String group;
    final String jobId;

    private Run(String name, String jobId) {
      this.name = name;
      this.in = name + "-samples";
      this.alerts = name + "-alerts";
      this.dead = name + "-dead-letters";
      this.group = "augur-" + name;
      this.jobId = jobId;
    }

    static Run start(String name, String savepoint) throws Exception {
      Run r = new Run(name, null);
      kafka.createTopics(r.in, r.alerts, r.dead);
      return r.submit("2s", savepoint);
    }

    /** The same job from {@code savepoint}, with another checkpoint interval (a new version). */
    Run resumed(String savepoint) throws Exception {
      return submit("3s", savepoint);
    }

    private Run submit(String interval, String savepoint) throws Exception {
      Path config = dir.resolve(name + (savepoint == null ? "" : "-resumed") + ".yaml");
      Files.writeString(
          config,
          String.join(
              "\n",
              "kafka:",
              "  brokers: " + kafka.bootstrap(),
              "  samplesTopics: [" + in + "]",
              "  groupId: " + group,
              "  alertsTopic: " + alerts,
              "  deadLettersTopic: " + dead,
              "  transactionalIdPrefix: augur-" + name,
              "checkpoints:",
              "  dir: " + cluster.checkpointUri(),
              "  interval: " + interval,
              "job:",
              "  parallelism: 1",
              "  metricsPort: " + LocalFlinkCluster.freePort(),
              ""));
      String id =
          cluster.run(jarId, ENTRY, List.of("run", "--config", config.toString()), savepoint);
      cluster.awaitRunning(id, Duration.ofMinutes(2));
      return new Run(name, id);
    }

    /**
     * Waits until the job has consumed the whole input topic and checkpointed it (its group's
     * offset is the topic's end), then for two more checkpoints, so every alert of the input is
     * committed.
     */
    void awaitDone() throws Exception {
      long end = kafka.endOffset(in);
      LocalFlinkCluster.await(
          name + " consuming all " + end + " records",
          RUN_TIMEOUT,
          () -> {
            if (!"RUNNING".equals(cluster.jobState(jobId))) {
              return false;
            }
            return kafka.committedOffset(group, in) >= end;
          });
      long c = cluster.completedCheckpoints(jobId);
      LocalFlinkCluster.await(
          name + " two more checkpoints",
          Duration.ofMinutes(1),
          () -> cluster.completedCheckpoints(jobId) >= c + 2);
    }
  }

  /**
   * The committed records of {@code topic}, each in a canonical JSON form (keys sorted), so records
   * compare by content.
   */
  static List<String> alerts(String topic) {
    List<String> out = new ArrayList<>();
    for (String r : kafka.readCommitted(topic)) {
      try {
        out.add(JSON.writeValueAsString(JSON.readValue(r, Object.class)));
      } catch (java.io.IOException e) {
        throw new AssertionError("not JSON in " + topic + ": " + r, e);
      }
    }
    return out;
  }

  static Map<String, List<String>> byComponent(List<String> alerts) {
    Map<String, List<String>> m = new TreeMap<>();
    for (String a : alerts) {
      try {
        m.computeIfAbsent(JSON.readTree(a).path("component").asText(), k -> new ArrayList<>())
            .add(a);
      } catch (java.io.IOException e) {
        throw new AssertionError("not an alert: " + a, e);
      }
    }
    return m;
  }

  /** Exactly the reference's alerts: per component the same records in the same order. */
  static void assertSameAlerts(List<String> alerts, String when) {
    assertEquals(
        byComponent(referenceAlerts),
        byComponent(alerts),
        when
            + ": the alerts differ from the reference ("
            + alerts.size()
            + " vs "
            + referenceAlerts.size()
            + ")");
    assertEquals(referenceAlerts.size(), alerts.size(), when + ": alert count");
    System.out.printf(
        Locale.ROOT,
        "[cluster] %s: %d alerts, identical to the reference per component%s%n",
        when,
        alerts.size(),
        alerts.equals(referenceAlerts) ? " and in total order" : " (interleaving differs)");
  }

  /** So far, per component, a prefix of the reference: nothing duplicated, nothing out of order. */
  static void assertPrefixOfReference(List<String> alerts, String when) {
    Map<String, List<String>> ref = byComponent(referenceAlerts);
    byComponent(alerts)
        .forEach(
            (c, got) -> {
              List<String> want = ref.getOrDefault(c, List.of());
              assertTrue(
                  got.size() <= want.size() && want.subList(0, got.size()).equals(got),
                  when + ": " + c + "'s alerts are not a prefix of the reference: " + got);
            });
  }

  static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    s.sort(null);
    int n = s.size();
    return n == 0 ? Double.NaN : n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }

  static double max(List<Double> xs) {
    return xs.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }
}
