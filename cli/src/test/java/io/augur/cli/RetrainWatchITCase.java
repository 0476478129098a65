package io.augur.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.augur.chaos.loop.OutcomeLog;
import io.augur.domain.ExperimentOutcome;
import io.augur.fleet.FleetConfig;
import io.augur.job.JobSettings;
import io.augur.job.demo.DemoRun;
import io.augur.models.ProgressListener;
import io.augur.models.bundle.ModelBundle;
import io.augur.models.ensemble.EnsembleConfig;
import io.augur.models.ensemble.EnsembleTrainer;
import io.augur.models.forest.RandomForestModel;
import io.augur.models.iforest.IsolationForestModel;
import io.augur.models.lstm.LstmModel;
import io.augur.training.retrain.BundleStore;
import io.augur.training.retrain.RetrainCommand;
import io.augur.training.sources.ComponentHistory;
import io.augur.training.sources.LabelSpan;
import io.augur.training.sources.SourceHistory;
import io.augur.training.sources.SourceOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The unattended loop end to end: {@code augur retrain} publishes a first (weak) bundle into an
 * empty watch directory; the job runs on a MiniCluster scoring a simulated fleet with it and
 * watching that directory; experiment outcomes arrive in the label log; {@code augur retrain
 * --watch --min-new-outcomes 3} notices them, trains a candidate, finds it better on the held-out
 * recent windows and publishes it; the running job's predictions switch to the new bundle's
 * version, and the previous bundle is still in the directory to roll back to.
 */
class RetrainWatchITCase {
  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  static final ObjectMapper JSON = new ObjectMapper();
  static final List<String> DEMO = List.of("--source", "demo", "--fleets", "2", "--hours", "4");

  @TempDir Path dir;

  /** A tiny isolation forest alone: the first bundle, better than chance and easy to beat. */
  static EnsembleTrainer.Config weak() {
    return config(Set.of(IsolationForestModel.NAME), 3, 16);
  }

  /** An isolation forest and a small random forest (no LSTM, to keep the round short). */
  static EnsembleTrainer.Config small() {
    return config(Set.of(IsolationForestModel.NAME, RandomForestModel.NAME), 20, 64);
  }

  static EnsembleTrainer.Config config(Set<String> members, int trees, int sample) {
    return new EnsembleTrainer.Config(
        members,
        new IsolationForestModel.Params(trees, sample, 8),
        new RandomForestModel.Params(10, 5, 0.5, 8),
        new LstmModel.Params(LstmModel.Mode.HORIZON, 8, 6, 2, 0.01, 64),
        null,
        400,
        EnsembleConfig.defaults());
  }

  record Ran(int code, String out) {}

  static Ran retrain(EnsembleTrainer.Config trainer, List<String> args) {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    CommandLine cl =
        Augur.withErrorHandling(
            new CommandLine(
                new RetrainCommand(
                    Augur.trainingSources(),
                    new PrintStream(console, true, StandardCharsets.UTF_8),
                    trainer,
                    Clock.systemUTC())));
    java.io.StringWriter err = new java.io.StringWriter();
    cl.setErr(new java.io.PrintWriter(err, true));
    int code = cl.execute(args.toArray(String[]::new));
    return new Ran(code, console.toString(StandardCharsets.UTF_8) + err);
  }

  /** The model versions of the predictions written so far, in order of first appearance. */
  static Set<String> versions(Path predictions) throws IOException {
    Set<String> out = new LinkedHashSet<>();
    if (!Files.exists(predictions)) {
      return out;
    }
    for (String l : Files.readAllLines(predictions)) {
      if (l.endsWith("}")) { // a line still being written is skipped
        JsonNode n = JSON.readTree(l);
        out.add(n.path("modelVersion").asText());
      }
    }
    return out;
  }

  static Set<String> waitFor(Path predictions, String version, long timeoutMs) throws Exception {
    long deadline = System.currentTimeMillis() + timeoutMs;
    Set<String> seen = versions(predictions);
    while (!seen.contains(version) && System.currentTimeMillis() < deadline) {
      Thread.sleep(500);
      seen = versions(predictions);
    }
    return seen;
  }

  /**
   * Outcomes of experiments on the demo fleet's services, at times inside the training history: a
   * FAILED one where the simulated fleet really failed, PASSED ones where no fleet failed.
   */
  static void writeOutcomes(Path log) {
    SourceHistory h =
        Augur.trainingSources()
            .create("demo", SourceOptions.defaults().withFleets(2, 4, 1000))
            .read(ProgressListener.NONE);
    OutcomeLog outcomes = new OutcomeLog(log);
    ComponentHistory failing =
        h.components().stream()
            .filter(c -> c.spans().stream().anyMatch(s -> s.kind() == LabelSpan.Kind.FAILING))
            .findFirst()
            .orElseThrow();
    LabelSpan f =
        failing.spans().stream()
            .filter(s -> s.kind() == LabelSpan.Kind.FAILING)
            .findFirst()
            .orElseThrow();
    outcomes.append(
        new ExperimentOutcome(
            "plan-failed",
            failing.component(),
            "cpu-stress",
            f.mode() == null ? "unknown" : f.mode().id(),
            ExperimentOutcome.Status.FAILED,
            f.startMs(),
            f.endMs() - 1,
            0L,
            false,
            Map.of(),
            "error budget burnt"));
    long quiet = h.components().get(0).startMs() + 40 * 60_000L;
    int n = 0;
    for (ComponentHistory c : h.components()) {
      boolean busy =
          h.components().stream()
              .filter(o -> o.component().equals(c.component()))
              .flatMap(o -> o.spans().stream())
              .anyMatch(s -> s.startMs() < quiet + 20 * 60_000L && s.endMs() > quiet - 600_000L);
      if (!busy && n < 2) {
        outcomes.append(
            new ExperimentOutcome(
                "plan-passed-" + n++,
                c.component(),
                "latency",
                "none",
                ExperimentOutcome.Status.PASSED,
                quiet,
                quiet + 10 * 60_000L,
                0L,
                true,
                Map.of(),
                ""));
      }
    }
    assertEquals(3, outcomes.read().outcomes().size());
  }

  @Test
  @Timeout(600)
  void shouldPublishABetterBundleOnNewOutcomesAndTheRunningJobSwitchesToIt() throws Exception {
    Path models = dir.resolve("models");
    Path labels = dir.resolve("labels.jsonl");
    List<String> common =
        new java.util.ArrayList<>(
            List.of("--watch-dir", models.toString(), "--labels", labels.toString()));
    common.addAll(DEMO);

    Ran first = retrain(weak(), common);
    assertEquals(0, first.code(), first.out());
    assertTrue(first.out().contains("no current bundle: candidate AUC-PR"), first.out());
    BundleStore store = new BundleStore(models);
    Path v1dir = store.current().orElseThrow();
    String v1 = ModelBundle.manifest(v1dir).bundleVersion();

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    env.enableCheckpointing(1000); // the prediction file is flushed on checkpoints
    FleetConfig fleet =
        new FleetConfig(6, 42, FleetConfig.DEFAULT_START_MS, 15_000, 100_000, 0, false);
    Path out = dir.resolve("job");
    JobSettings settings =
        JobSettings.defaults().withBundle(v1dir.toString()).withModelWatch(models.toString());
    DemoRun.build(env, new DemoRun.Options(fleet, 4, 0.0, out, settings), false);
    JobClient job = env.executeAsync("augur retrain watch");
    try {
      Path predictions = out.resolve("predictions.jsonl");
      Set<String> before = waitFor(predictions, v1, 120_000);
      assertEquals(Set.of(v1), before, "the job scores with the first bundle");

      writeOutcomes(labels);
      Ran watch =
          retrain(
              small(),
              concat(
                  common,
                  "--watch",
                  "--min-new-outcomes",
                  "3",
                  "--every",
                  "PT24H",
                  "--poll",
                  "PT1S",
                  "--rounds",
                  "1"));
      System.out.println(watch.out());
      assertEquals(0, watch.code(), watch.out());
      assertTrue(watch.out().contains("round (3 new outcome(s)/verdict(s) (>= 3))"), watch.out());
      assertTrue(
          watch.out().contains("1 FAILED (failing), 2 PASSED (negative for their fault type)"),
          watch.out());
      Path v2dir = store.current().orElseThrow();
      String v2 = ModelBundle.manifest(v2dir).bundleVersion();
      assertNotEquals(v1, v2);
      assertTrue(watch.out().contains("published " + v2), watch.out());
      assertEquals(List.of(v1dir, v2dir), store.bundles(), "the previous bundle is kept");

      Set<String> after = waitFor(predictions, v2, 120_000);
      assertEquals(List.of(v1, v2), List.copyOf(after), "the running job switched to " + v2);
    } finally {
      job.cancel().get();
    }
  }

  static List<String> concat(List<String> a, String... more) {
    List<String> l = new java.util.ArrayList<>(a);
    l.addAll(List.of(more));
    return l;
  }
}
