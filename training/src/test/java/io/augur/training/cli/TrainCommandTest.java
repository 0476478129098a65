package io.augur.training.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.chaos.loop.OutcomeLog;
import io.augur.domain.ExperimentOutcome;
import io.augur.domain.FeatureSchema;
import io.augur.features.FeatureConfig;
import io.augur.features.FeatureSchemas;
import io.augur.fleet.DemoFleet;
import io.augur.fleet.FleetConfig;
import io.augur.models.bundle.ModelBundle;
import io.augur.models.ensemble.Ensemble;
import io.augur.training.sources.TestHistories;
import io.augur.training.sources.TrainingSources;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code augur train} end to end per source, with a small trainer: the bundle loads back with the
 * schema the job computes.
 */
class TrainCommandTest {

  /** Exit code, console and the one-line error, as {@code io.augur.cli.Augur} handles bad input. */
  record Run(int code, String out, String err) {}

  static Run train(String... args) {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    StringWriter err = new StringWriter();
    CommandLine cl =
        new CommandLine(
            new TrainCommand(
                TrainingSources.defaults(),
                new PrintStream(console, true, StandardCharsets.UTF_8),
                TestHistories.quickTrainer()));
    cl.setErr(new PrintWriter(err, true));
    cl.setExecutionExceptionHandler(
        (ex, cmd, parsed) -> {
          if (ex instanceof IllegalArgumentException) {
            cmd.getErr().println("augur train: " + ex.getMessage());
            return 2;
          }
          throw ex;
        });
    int code = cl.execute(args);
    return new Run(code, console.toString(StandardCharsets.UTF_8), err.toString());
  }

  static void assertTrained(Run r, Path bundle, FeatureSchema expected) throws Exception {
    assertEquals(0, r.code(), r.err() + r.out());
    Ensemble e = ModelBundle.load(bundle, expected);
    assertEquals(expected, e.schema());
    assertEquals(3, e.members().size(), "isolation forest, LSTM and random forest");
    assertTrue(
        r.out().contains("| bundle           | " + bundle.toAbsolutePath().normalize()), r.out());
    assertTrue(r.out().contains("| version          | " + e.version()), r.out());
    assertTrue(r.out().contains("| validation       | ensemble AUC "), r.out());
  }

  @Test
  void shouldTrainABundleFromNabCsvFilesWithInjectedFaults(@TempDir Path dir) throws Exception {
    TestHistories.nabFile(dir.resolve("nab"), "realTraffic", "speed_1", 1200, 1);
    TestHistories.nabFile(dir.resolve("nab"), "realTraffic", "speed_2", 1200, 2);
    Run r =
        train(
            "--source",
            "nab",
            "--input",
            dir.resolve("nab").toString(),
            "--segment-steps",
            "200",
            "--out",
            dir.resolve("b").toString());
    assertTrained(
        r, dir.resolve("b"), FeatureSchemas.of(FeatureConfig.forMetrics(List.of("value"))));
    assertTrue(r.out().contains("| components       | 2 (12 segments of ~200 steps)"), r.out());
    assertTrue(r.out().matches("(?s).*\\| failing labels   \\| injected [0-9,]+ .*"), r.out());
    assertTrue(
        r.out()
            .contains(
                "| injected faults  | dropout 1, flat-line 1, level-shift 1, spike 1, trend 1, variance-change 1"),
        r.out());
  }

  @Test
  void shouldTrainABundleFromAnSmdDirectoryWithMetricsNamedByColumn(@TempDir Path dir)
      throws Exception {
    TestHistories.smdDir(dir.resolve("smd"), 4, 900, "machine-1-1", "machine-1-2");
    Run r =
        train(
            "--source",
            "smd",
            "--input",
            dir.resolve("smd").toString(),
            "--segment-steps",
            "150",
            "--out",
            dir.resolve("b").toString());
    assertTrained(
        r,
        dir.resolve("b"),
        FeatureSchemas.of(FeatureConfig.forMetrics(List.of("m0", "m1", "m2", "m3"))));
    assertTrue(
        r.out()
            .contains(
                "| source           | smd: 2 machine(s) [machine-1-1, machine-1-2], 4 metrics"),
        r.out());
  }

  @Test
  void shouldTrainTheDemoOnItsRealLabelsPlusChaosOutcomes(@TempDir Path dir) throws Exception {
    FleetConfig fc = FleetConfig.demo(1000).withSteps(960);
    DemoFleet fleet = new DemoFleet(fc);
    OutcomeLog log = new OutcomeLog(dir.resolve("outcomes.jsonl"));
    String target = fleet.components().get(19);
    long start = fc.startMs() + 3_600_000;
    log.append(
        new ExperimentOutcome(
            "p1",
            target,
            "pod-delete",
            "unknown",
            ExperimentOutcome.Status.FAILED,
            start,
            start + 300_000,
            60_000L,
            true,
            Map.of(),
            ""));
    List<String> args =
        new ArrayList<>(
            List.of(
                "--source",
                "demo",
                "--fleets",
                "1",
                "--hours",
                "4",
                "--labels",
                log.file().toString(),
                "--out",
                dir.resolve("b").toString()));
    Run r = train(args.toArray(String[]::new));
    assertTrained(r, dir.resolve("b"), FeatureSchemas.demoFleet());
    assertTrue(
        r.out().matches("(?s).*\\| failing labels   \\| chaos 24, demo [0-9,]+ .*"),
        "6 min of 15 s steps from the chaos outcome: " + r.out());
    assertTrue(!r.out().contains("injected faults"), "the demo has real labels: nothing injected");
  }

  @Test
  void shouldRefuseBadInputWithOneLineNamingFileAndLine(@TempDir Path dir) throws Exception {
    Path f =
        java.nio.file.Files.writeString(
            dir.resolve("x.csv"),
            "timestamp,value\n2014-07-01 00:00:00,1\n2014-07-01 00:05:00,NaN?\n");
    Run r = train("--source", "nab", "--input", f.toString(), "--out", dir.resolve("b").toString());
    assertEquals(2, r.code());
    assertEquals(
        "augur train: " + f + " line 3: value must be a number, got \"NaN?\"", r.err().trim());
    r = train("--source", "prometheus", "--url", "http://127.0.0.1:1");
    assertEquals(2, r.code());
    assertTrue(
        r.err().startsWith("augur train: --source must be one of [demo, nab, smd], got prometheus"),
        r.err());
    Path ok = TestHistories.nabFile(dir.resolve("ok"), "c", "a", 300, 1);
    r =
        train(
            "--source",
            "nab",
            "--input",
            ok.toString(),
            "--no-inject",
            "--out",
            dir.resolve("b").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("augur train: no failing windows in the nab history ("), r.err());
    assertTrue(r.err().contains("give --labels or drop --no-inject"), r.err());
    r =
        train(
            "--source",
            "nab",
            "--input",
            f.getParent().toString(),
            "--inject",
            "--segment-steps",
            "10");
    assertEquals(2, r.code());
    assertTrue(
        r.err().contains("--segment-steps must be >= 4 x window steps = 32, got 10"), r.err());
  }
}
